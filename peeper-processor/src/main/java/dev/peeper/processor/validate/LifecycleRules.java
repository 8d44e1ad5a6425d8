package dev.peeper.processor.validate;

import dev.peeper.annotations.StateCopyMode;
import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.find.ServerSource;
import dev.peeper.processor.names.RuntimeTypes;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Checks the optional callbacks with one fixed signature each: terminate, codeChange, restore and copyState. */
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

    /** The codeChange callback, if declared and right. */
    Optional<Callback> codeChange(ServerSource source, Optional<TypeMirror> state, ValidationReport report) {
        return single(source.callbacks(CallbackKind.CODE_CHANGE), report, callback -> {
            List<? extends TypeMirror> p = callback.type().getParameterTypes();
            boolean right = isState(callback.type().getReturnType(), state) && p.size() == 3
                    && support.isObject(p.get(0)) && isState(p.get(1), state) && support.isObject(p.get(2));
            if (!right) {
                report.report(Message.CODE_CHANGE, callback.method(), show(state), support.show(callback));
            }
            return right;
        });
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
