package dev.peeper.processor.validate;

import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.find.ServerSource;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * Finds methods meant as callbacks whose names are not quite a callback's: callbacks are found by name, so
 * {@code handleCasts}, {@code handle_call} or {@code init2} would compile and never be called (their messages
 * logged and dropped at run time). A method looks like a callback if its name is one written differently
 * (case, underscores, a trailing digit or {@code s}), or one or two letters off with a callback's parameter
 * count, or if it is a non-private instance method returning a callback's result type ({@code Next},
 * {@code Reply}, {@code Stop}, {@code Result}), or one named about a conflict with resolveConflict's signature
 * ({@code S onConflict(S mine, S theirs)}); private helpers of those shapes are fine.
 */
final class MisspelledCallbacks {
    private final TypeSupport support;

    MisspelledCallbacks(TypeSupport support) {
        this.support = support;
    }

    /** Checks {@code source}'s other methods; {@code state} is the state type, if init gave one. */
    void check(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        for (ExecutableElement method : source.others()) {
            if (method.getModifiers().contains(Modifier.STATIC)) {
                continue; // a static method is never a callback, and cannot be mistaken for one at run time
            }
            String name = method.getSimpleName().toString();
            Optional<CallbackKind> byName = closeTo(name, method.getParameters().size());
            if (byName.isPresent()) {
                report.report(Message.MISSPELLED_CALLBACK, method, source.type().getSimpleName(), name,
                        "its name is close to " + byName.get().methodName(), byName.get().methodName(),
                        "Rename it to " + byName.get().methodName() + "; if it is not meant as a callback, choose a "
                                + "name less like one");
                continue;
            }
            if (method.getModifiers().contains(Modifier.PRIVATE)) {
                continue; // a private helper is plainly not meant to be called from outside
            }
            String resolveConflict = CallbackKind.RESOLVE_CONFLICT.methodName();
            if (mergesConflicts(method, name, state)) {
                report.report(Message.MISSPELLED_CALLBACK, method, source.type().getSimpleName(), name,
                        "its name is about a conflict, and it takes two states and returns one, as "
                                + resolveConflict + " does", resolveConflict,
                        "Rename it to " + resolveConflict + "; if it is a helper, make it private");
                continue;
            }
            Optional<ResultShape.Kind> returned = resultKind(method.getReturnType());
            if (returned.isPresent()) {
                CallbackKind meant = likeliest(name, returned.get(), method.getParameters().size());
                report.report(Message.MISSPELLED_CALLBACK, method, source.type().getSimpleName(), name,
                        "it returns " + support.show(support.types().erasure(method.getReturnType()))
                                + ", as callbacks do", meant.methodName(),
                        "Rename it to " + meant.methodName() + "; if it is a helper, make it private");
            }
        }
    }

    /**
     * Whether {@code method} has resolveConflict's signature, {@code S m(S, S)}, and a name about a conflict
     * ({@code onConflict}, {@code mergeConflict}): two states in and one out alone could be any helper.
     */
    private boolean mergesConflicts(ExecutableElement method, String name, Optional<TypeMirror> state) {
        if (state.isEmpty() || !normalize(name).contains("conflict") || method.getParameters().size() != 2) {
            return false;
        }
        return support.same(method.getReturnType(), state.get())
                && method.getParameters().stream().allMatch(p -> support.same(p.asType(), state.get()));
    }

    /** The callback {@code name} is a variant or a near miss of, if any. */
    static Optional<CallbackKind> closeTo(String name, int parameters) {
        String plain = normalize(name);
        String trimmed = plain.replaceAll("[0-9]+$", "");
        CallbackKind best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (CallbackKind kind : CallbackKind.values()) {
            String callback = kind.methodName().toLowerCase(Locale.ROOT);
            if (plain.equals(callback) || trimmed.equals(callback) || trimmed.equals(callback + "s")) {
                return Optional.of(kind); // the same name written differently: whatever its parameters
            }
            // a near miss counts only with the callback's parameter count, so that `unit()` is not `init`
            int allowed = callback.length() >= 9 ? 2 : callback.length() >= 6 ? 1 : 0;
            int distance = distance(plain, callback);
            if (distance <= allowed && kind.takes(parameters) && distance < bestDistance) {
                best = kind;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The callback a method returning {@code returned} most likely meant: by result type (only handleCall returns
     * Reply, and returns Next only with a From), then parameter count, then name; handleCast on a tie.
     */
    private static CallbackKind likeliest(String name, ResultShape.Kind returned, int parameters) {
        Set<CallbackKind> candidates = returned == ResultShape.Kind.REPLY ? EnumSet.of(CallbackKind.CALL)
                : EnumSet.of(CallbackKind.INIT, CallbackKind.CAST, CallbackKind.INFO, CallbackKind.CONTINUE);
        if (parameters == 3) {
            candidates.add(CallbackKind.CALL); // (message, From, state): a call answered later
        }
        String plain = normalize(name);
        return candidates.stream()
                .min(Comparator.comparing((CallbackKind k) -> !k.takes(parameters))
                        .thenComparing(k -> distance(plain, k.methodName().toLowerCase(Locale.ROOT))))
                .orElseThrow();
    }

    private Optional<ResultShape.Kind> resultKind(TypeMirror returned) {
        ResultShape.Kind kind = ResultShape.of(returned, support).kind();
        return kind == ResultShape.Kind.OTHER ? Optional.empty() : Optional.of(kind);
    }

    private static String normalize(String name) {
        return name.replace("_", "").replace("$", "").toLowerCase(Locale.ROOT);
    }

    /** Edit distance, counting a swap of two neighbours as one edit (Damerau-Levenshtein, restricted). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
