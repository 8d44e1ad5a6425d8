package dev.peeper.processor.validate;

import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.find.ServerSource;
import dev.peeper.processor.validate.ServerShape.InitShape;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Checks {@code init}, which fixes the start argument and the state type. */
final class InitRules {
    /**
     * What init says.
     *
     * @param init  the init read, if it passed
     * @param state the state type, if init fixes one clearly (other rules check against it)
     */
    record Found(Optional<InitShape> init, Optional<TypeMirror> state) {
        static final Found NOTHING = new Found(Optional.empty(), Optional.empty());
    }

    private final TypeSupport support;
    private final CallbackRules callbackRules;

    InitRules(TypeSupport support, CallbackRules callbackRules) {
        this.support = support;
        this.callbackRules = callbackRules;
    }

    Found check(ServerSource source, String pkg, ValidationReport report) {
        List<Callback> inits = source.callbacks(CallbackKind.INIT);
        if (inits.isEmpty()) {
            report.report(Message.NO_INIT, source.type(), source.type().getSimpleName());
            return Found.NOTHING;
        }
        if (inits.size() > 1) {
            String all = inits.stream().map(support::show).collect(Collectors.joining(", "));
            for (Callback extra : inits.subList(1, inits.size())) {
                report.report(Message.AMBIGUOUS_INIT, extra.method(), source.type().getSimpleName(), inits.size(),
                        all);
            }
            return Found.NOTHING;
        }
        Callback init = inits.get(0);
        boolean ok = callbackRules.checkModifiers(init, report);
        List<? extends TypeMirror> parameters = init.type().getParameterTypes();
        if (parameters.size() > 1) {
            report.report(Message.ARITY, init.method(), support.show(init), parameters.size(), "init",
                    "no parameter or one, the start argument", "State init(Argument argument)");
            ok = false;
        }
        Optional<TypeMirror> state = stateOf(init, report);
        ok &= state.isPresent();
        if (state.isPresent()) {
            ok &= callbackRules.checkAccess(init, state.get(), "state type", pkg, report);
        }
        Optional<TypeMirror> argument = parameters.size() == 1 ? Optional.of(parameters.get(0)) : Optional.empty();
        if (argument.isPresent()) {
            ok &= callbackRules.checkAccess(init, argument.get(), "start argument type", pkg, report);
        }
        boolean returnsResult = ResultShape.of(init.type().getReturnType(), support).kind() != ResultShape.Kind.OTHER;
        return new Found(ok ? Optional.of(new InitShape(init, argument, returnsResult)) : Optional.empty(), state);
    }

    /** The state type init's return type fixes; reports and returns empty if it fixes none. */
    private Optional<TypeMirror> stateOf(Callback init, ValidationReport report) {
        TypeMirror returned = init.type().getReturnType();
        ResultShape result = ResultShape.of(returned, support);
        String hint = switch (result.kind()) {
            case REPLY -> "Reply answers a call; return the state, or Next.of(state)";
            case STOP -> "An init that always stops can never start; return Result<S> and Stop only when the "
                    + "start must fail";
            case NEXT, RESULT -> result.namesState() ? null
                    : "Name the state type, e.g. " + (result.kind() == ResultShape.Kind.NEXT ? "Next" : "Result")
                    + "<State>";
            case OTHER -> switch (returned.getKind()) {
                case VOID -> "Return the first state";
                case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> "The state must be a reference type: "
                        + "did you mean " + support.show(support.types().boxedClass(
                        support.types().getPrimitiveType(returned.getKind())).asType()) + "?";
                default -> null;
            };
        };
        if (hint != null) {
            report.report(Message.INIT_RETURN, init.method(), support.show(init), support.show(returned), hint);
            return Optional.empty();
        }
        TypeMirror state = result.kind() == ResultShape.Kind.OTHER ? returned : result.state();
        return state.getKind() == TypeKind.ERROR ? Optional.empty() : Optional.of(state);
    }
}
