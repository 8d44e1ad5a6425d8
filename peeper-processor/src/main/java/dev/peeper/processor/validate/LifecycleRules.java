package dev.peeper.processor.validate;

import dev.peeper.annotations.StateCopyMode;
import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.find.ServerSource;
import dev.peeper.processor.names.RuntimeTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks the optional callbacks with one fixed signature each (terminate, codeChange, restore, handoff,
 * resolveConflict and copyState), and the codeChange overloads that migrate an old state of another type.
 */
final class LifecycleRules {
    private static final String COPY_METHOD = StateCopyMode.COPY_METHOD.name();

    private final TypeSupport support;
    private final CallbackRules callbackRules;

    LifecycleRules(TypeSupport support, CallbackRules callbackRules) {
        this.support = support;
        this.callbackRules = callbackRules;
    }

    /** The terminate callback, if declared and right. */
    Optional<Callback> terminate(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        return single(source.callbacks(CallbackKind.TERMINATE), report, callback -> {
            List<? extends TypeMirror> p = callback.type().getParameterTypes();
            boolean right = callback.type().getReturnType().getKind() == TypeKind.VOID && p.size() == 2
                    && support.is(p.get(0), RuntimeTypes.EXIT_REASON) && isState(p.get(1), state);
            if (!right) {
                report.report(Message.TERMINATE, callback.method(), show(state), support.show(callback));
            }
            return right;
        });
    }

    /**
     * The codeChange callback that keeps the state type, {@code S codeChange(Object, S, Object)}, if declared and
     * right. An overload taking another type as its second parameter is a migration (see {@link #migrations}).
     */
    Optional<Callback> codeChange(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        List<Callback> sameType = source.callbacks(CallbackKind.CODE_CHANGE).stream()
                .filter(callback -> !isMigration(callback, state))
                .toList();
        return single(sameType, report, callback -> {
            List<? extends TypeMirror> p = callback.type().getParameterTypes();
            boolean right = isState(callback.type().getReturnType(), state) && p.size() == 3
                    && support.isObject(p.get(0)) && isState(p.get(1), state) && support.isObject(p.get(2));
            if (!right) {
                report.report(Message.CODE_CHANGE, callback.method(), show(state), support.show(callback));
            }
            return right;
        });
    }

    /**
     * The codeChange overloads that migrate an old state of another type on an upgrade,
     * {@code S codeChange(Object oldVersion, Old old, Object extra)}, each right one once: the dispatcher's
     * {@code codeChangeFrom} sends an old state of type {@code Old} that is not already an {@code S} to it (the
     * switch tests {@code S} first, so {@code Old} may be a supertype such as {@code Object}). The old type must be
     * one a type switch can recognise, not a subtype of {@code S} (it would never be reached), and overlap no
     * other migration's unless one extends the other.
     */
    List<Callback> migrations(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        List<Callback> migrations = new ArrayList<>();
        for (Callback callback : source.callbacks(CallbackKind.CODE_CHANGE)) {
            if (!isMigration(callback, state)) {
                continue;
            }
            boolean reachable = callbackRules.checkModifiers(callback, report);
            List<? extends TypeMirror> p = callback.type().getParameterTypes();
            if (!isState(callback.type().getReturnType(), state) || !support.isObject(p.get(0))
                    || !support.isObject(p.get(2))) {
                report.report(Message.CODE_CHANGE, callback.method(), show(state), support.show(callback));
                continue;
            }
            String problem = oldStateProblem(p.get(1), state.orElseThrow());
            if (problem == null) {
                problem = overlap(p.get(1), migrations);
            }
            if (problem != null) {
                String s = show(state);
                report.report(Message.STATE_MIGRATION, callback.method(), support.show(callback),
                        support.show(p.get(1)), problem, s, s, s);
            } else if (reachable) {
                migrations.add(callback);
            }
        }
        return List.copyOf(migrations);
    }

    /**
     * Why old states of type {@code old} could reach either of two migrations, one of {@code earlier}; or null.
     * Where one type extends the other the switch tests the more specific first, which is what a reader expects.
     */
    private String overlap(TypeMirror old, List<Callback> earlier) {
        TypeMirror a = support.types().erasure(old);
        for (Callback other : earlier) {
            TypeMirror b = support.types().erasure(other.type().getParameterTypes().get(1));
            if (!support.types().isSubtype(a, b) && !support.types().isSubtype(b, a) && !support.disjoint(a, b)) {
                return "overlaps " + support.show(other) + ": neither type extends the other, yet one old state can "
                        + "be both, and which migration it reaches would depend on declaration order";
            }
        }
        return null;
    }

    /** Whether {@code callback} is a codeChange whose second parameter is not the (known) state type. */
    private boolean isMigration(Callback callback, Optional<TypeMirror> state) {
        List<? extends TypeMirror> p = callback.type().getParameterTypes();
        return state.isPresent() && p.size() == 3 && !isState(p.get(1), state);
    }

    /** Why a type switch could not send old states of type {@code old}, and only those, to a migration; or null. */
    private String oldStateProblem(TypeMirror old, TypeMirror state) {
        switch (old.getKind()) {
            case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> {
                return "is a primitive type, and a state is an object (use its box, e.g. "
                        + support.show(support.types().boxedClass(support.types().getPrimitiveType(old.getKind()))
                        .asType()) + ")";
            }
            case TYPEVAR -> {
                return "is a type variable";
            }
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) old;
                if (declared.getTypeArguments().isEmpty()
                        && !((TypeElement) declared.asElement()).getTypeParameters().isEmpty()) {
                    return "is a raw type (write " + declared.asElement().getSimpleName() + "<...>)";
                }
            }
            default -> {
            }
        }
        TypeMirror a = support.types().erasure(old);
        TypeMirror b = support.types().erasure(state);
        if (support.types().isSameType(a, b)) {
            return "differs from the state type only in type arguments, which are erased at run time, so no type "
                    + "switch can tell the two apart";
        }
        if (support.types().isSubtype(a, b)) {
            return "is a subtype of the state type, so such an old state is already of type " + support.show(state)
                    + " and never reaches a migration";
        }
        return null;
    }

    /** The restore callback, if declared and right: {@code S restore(S kept, ExitReason lastExit)}. */
    Optional<Callback> restore(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        return single(source.callbacks(CallbackKind.RESTORE), report, callback -> {
            List<? extends TypeMirror> p = callback.type().getParameterTypes();
            boolean right = isState(callback.type().getReturnType(), state) && p.size() == 2
                    && isState(p.get(0), state) && support.is(p.get(1), RuntimeTypes.EXIT_REASON);
            if (!right) {
                report.report(Message.RESTORE, callback.method(), show(state), support.show(callback));
            }
            return right;
        });
    }

    /** The handoff callback, if declared and right: {@code Handoff<S> handoff(S state)}. */
    Optional<Callback> handoff(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        return single(source.callbacks(CallbackKind.HANDOFF), report, callback -> {
            List<? extends TypeMirror> p = callback.type().getParameterTypes();
            TypeMirror returned = callback.type().getReturnType();
            List<? extends TypeMirror> answer = support.typeArguments(returned);
            boolean right = support.is(returned, RuntimeTypes.HANDOFF) && answer.size() == 1
                    && isState(answer.get(0), state) && p.size() == 1 && isState(p.get(0), state);
            if (!right) {
                report.report(Message.HANDOFF, callback.method(), show(state), support.show(callback));
            }
            return right;
        });
    }

    /**
     * The resolveConflict callback, if declared and right: {@code S resolveConflict(S mine, S theirs)}. A wrong one is
     * reported with what is wrong about it.
     */
    Optional<Callback> resolveConflict(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        return single(source.callbacks(CallbackKind.RESOLVE_CONFLICT), report, callback -> {
            List<String> problems = new ArrayList<>();
            List<? extends TypeMirror> p = callback.type().getParameterTypes();
            if (p.size() != 2) {
                problems.add("it takes " + p.size() + " parameter" + (p.size() == 1 ? "" : "s") + ", not 2");
            } else {
                for (int i = 0; i < 2; i++) {
                    if (!isState(p.get(i), state)) {
                        problems.add("its " + (i == 0 ? "first" : "second") + " parameter is "
                                + support.show(p.get(i)) + ", not " + show(state));
                    }
                }
            }
            TypeMirror returned = callback.type().getReturnType();
            if (!isState(returned, state)) {
                problems.add("it returns " + support.show(returned) + ", not " + show(state));
            }
            if (!problems.isEmpty()) {
                report.report(Message.RESOLVE_CONFLICT, callback.method(), show(state), support.show(callback),
                        String.join("; ", problems));
            }
            return problems.isEmpty();
        });
    }

    /**
     * Checks copyState against {@code @GenServer(stateCopy)}; returns it if {@code stateCopy = COPY_METHOD} and
     * it is right.
     */
    Optional<Callback> copyState(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        List<Callback> copies = source.callbacks(CallbackKind.COPY_STATE);
        boolean wanted = source.options().stateCopy().equals(COPY_METHOD);
        String s = show(state);
        if (wanted && copies.isEmpty()) {
            report.report(Message.COPY_STATE, source.type(), source.options().annotation(), null,
                    source.type().getSimpleName(), "stateCopy = COPY_METHOD, but there is no copyState method", s, s);
        }
        Optional<Callback> found = Optional.empty();
        for (Callback copy : copies) {
            if (!wanted) {
                report.report(Message.COPY_STATE, copy.method(), source.type().getSimpleName(),
                        "copyState is declared, but stateCopy is SHARE, so nothing would call it", s, s);
            } else if (callbackRules.checkModifiers(copy, report)) {
                List<? extends TypeMirror> p = copy.type().getParameterTypes();
                if (!isState(copy.type().getReturnType(), state) || p.size() != 1 || !isState(p.get(0), state)) {
                    report.report(Message.COPY_STATE, copy.method(), source.type().getSimpleName(),
                            support.show(copy) + " does not take and return the state", s, s);
                } else if (found.isEmpty()) {
                    found = Optional.of(copy);
                }
            }
        }
        return found;
    }

    private interface Check {
        boolean right(Callback callback);
    }

    /** The first right callback of a kind; every wrong one (and any modifier problem) is reported. */
    private Optional<Callback> single(List<Callback> callbacks, ValidationReport report, Check check) {
        Optional<Callback> found = Optional.empty();
        for (Callback callback : callbacks) {
            boolean reachable = callbackRules.checkModifiers(callback, report);
            if (check.right(callback) && reachable && found.isEmpty()) {
                found = Optional.of(callback);
            }
        }
        return found;
    }

    private boolean isState(TypeMirror type, Optional<TypeMirror> state) {
        return state.isEmpty() || support.same(type, state.get());
    }

    private String show(Optional<TypeMirror> state) {
        return state.map(support::show).orElse("S");
    }
}
