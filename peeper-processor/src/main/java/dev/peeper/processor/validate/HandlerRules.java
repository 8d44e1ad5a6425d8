package dev.peeper.processor.validate;

import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.names.RuntimeTypes;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks one {@code handleCall}, {@code handleCast}, {@code handleInfo} or {@code handleContinue} overload:
 * parameters, message type, state type, return type and reply type. Reports every problem it finds.
 */
final class HandlerRules {
    private final TypeSupport support;
    private final CallbackRules callbackRules;

    HandlerRules(TypeSupport support, CallbackRules callbackRules) {
        this.support = support;
        this.callbackRules = callbackRules;
    }

    /** Checks {@code handler}; {@code state} is empty when init did not fix one. */
    Optional<HandlerShape> check(Callback handler, Optional<TypeMirror> state, String pkg, ValidationReport report) {
        boolean ok = callbackRules.checkModifiers(handler, report);
        if (!handler.method().getTypeParameters().isEmpty()) {
            return Optional.empty(); // its types are variables: every check below would repeat that one mistake
        }
        List<? extends TypeMirror> parameters = handler.type().getParameterTypes();
        boolean isCall = handler.kind() == CallbackKind.CALL;
        int fromIndex = isCall && parameters.size() == 3 ? indexOfFrom(parameters) : -1;
        if (parameters.size() == 2 || (isCall && parameters.size() == 3 && fromIndex >= 0)) {
            if (!checkOrder(handler, parameters, fromIndex, state, report)) {
                return Optional.empty(); // the other checks would only repeat the same mistake
            }
        } else {
            String name = handler.kind().methodName();
            report.report(Message.ARITY, handler.method(), support.show(handler), parameters.size(), name,
                    isCall ? "(message, state), or (message, From<R> from, state) to reply later"
                            : "(message, state)",
                    isCall ? "Reply<R, S> handleCall(Message message, S state)"
                            : "Next<S> " + name + "(Message message, S state)");
            return Optional.empty();
        }
        TypeMirror message = parameters.get(0);
        boolean catchAll = support.isObject(message);
        if (!catchAll) {
            ok &= checkMessageType(handler, message, pkg, report);
        }
        boolean stateOk = checkState(handler, parameters.get(parameters.size() - 1), "its last parameter", state,
                report);
        ResultShape result = ResultShape.of(handler.type().getReturnType(), support);
        // a handler that uses another state type usually returns it too: that is one mistake, reported once
        ok &= stateOk & checkReturn(handler, result, fromIndex >= 0, stateOk ? state : Optional.empty(), report);
        TypeMirror reply = null;
        if (isCall) {
            reply = replyType(handler, result, fromIndex >= 0 ? parameters.get(fromIndex) : null, report);
            ok &= reply != null && callbackRules.checkAccess(handler, reply, "reply type", pkg, report);
            for (TypeMirror thrown : handler.type().getThrownTypes()) { // the client declares and rethrows them
                ok &= !support.isChecked(thrown)
                        || callbackRules.checkAccess(handler, thrown, "exception type", pkg, report);
            }
        }
        return ok ? Optional.of(new HandlerShape(handler, message, catchAll, fromIndex >= 0, reply))
                : Optional.empty();
    }

    private int indexOfFrom(List<? extends TypeMirror> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            if (support.is(parameters.get(i), RuntimeTypes.FROM)) {
                return i;
            }
        }
        return -1;
    }

    private boolean checkOrder(Callback handler, List<? extends TypeMirror> parameters, int fromIndex,
                               Optional<TypeMirror> state, ValidationReport report) {
        int last = parameters.size() - 1;
        boolean fromMisplaced = parameters.size() == 3 && fromIndex != 1;
        boolean stateMisplaced = state.isPresent() && !support.same(parameters.get(last), state.get())
                && parameters.subList(0, last).stream().anyMatch(p -> support.same(p, state.get()));
        if (fromMisplaced || stateMisplaced) {
            report.report(Message.PARAMETER_ORDER, handler.method(), support.show(handler),
                    parameters.size() == 3 ? "(message, From<R> from, state)" : "(message, state)");
            return false;
        }
        return true;
    }

    private boolean checkMessageType(Callback handler, TypeMirror message, String pkg, ValidationReport report) {
        String problem = switch (message.getKind()) {
            case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE -> "a primitive type (use its box, e.g. "
                    + support.show(support.types().boxedClass(
                    support.types().getPrimitiveType(message.getKind())).asType()) + ")";
            case ARRAY -> "an array";
            case TYPEVAR -> "a type variable";
            case DECLARED -> declaredProblem((DeclaredType) message);
            default -> null;
        };
        if (problem != null) {
            report.report(Message.MESSAGE_TYPE, handler.method(), support.show(handler), support.show(message),
                    problem);
            return false;
        }
        if (!callbackRules.checkAccess(handler, message, "message type", pkg, report)) {
            return false;
        }
        boolean fromCallers = handler.kind() == CallbackKind.CALL || handler.kind() == CallbackKind.CAST;
        return !fromCallers || checkConstructible(handler, message, report);
    }

    /**
     * Checks that a caller can create the message: not an inner class, which needs an instance of its enclosing
     * class. Only calls and casts are sent by callers alone; info and continue messages often come from the
     * server itself (a timer's tick, a continuation), which may create an inner class.
     */
    private boolean checkConstructible(Callback handler, TypeMirror message, ValidationReport report) {
        if (message.getKind() != TypeKind.DECLARED) {
            return true;
        }
        for (Element e = support.types().asElement(message); e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getKind() == ElementKind.CLASS && t.getNestingKind() == NestingKind.MEMBER
                    && !t.getModifiers().contains(Modifier.STATIC) && t.getEnclosingElement().getKind().isClass()) {
                report.report(Message.MESSAGE_CONSTRUCTION, handler.method(), support.show(handler),
                        support.show(message), t.getSimpleName() + " is an inner class, which only an instance of "
                                + t.getEnclosingElement().getSimpleName() + " can create",
                        "Make it `static`, or a record");
                return false;
            }
        }
        return true;
    }

    private String declaredProblem(DeclaredType message) {
        TypeElement element = (TypeElement) message.asElement();
        if (message.getTypeArguments().isEmpty()) {
            return element.getTypeParameters().isEmpty() ? null : "a raw type (write " + element.getSimpleName()
                    + "<?> to take any)";
        }
        boolean onlyWildcards = message.getTypeArguments().stream().allMatch(a -> a.getKind() == TypeKind.WILDCARD
                && ((javax.lang.model.type.WildcardType) a).getExtendsBound() == null
                && ((javax.lang.model.type.WildcardType) a).getSuperBound() == null);
        return onlyWildcards ? null : "parameterized, and type arguments are erased at run time (only "
                + element.getSimpleName() + "<?> can be told apart)";
    }

    private boolean checkState(Callback handler, TypeMirror used, String where, Optional<TypeMirror> state,
                               ValidationReport report) {
        if (state.isPresent() && !support.same(used, state.get())) {
            report.report(Message.STATE_TYPE, handler.method(), support.show(handler), support.show(used), where,
                    support.show(state.get()), support.show(state.get()));
            return false;
        }
        return true;
    }

    private boolean checkReturn(Callback handler, ResultShape result, boolean takesFrom, Optional<TypeMirror> state,
                                ValidationReport report) {
        TypeMirror returned = handler.type().getReturnType();
        String s = state.map(support::show).orElse("S");
        boolean isCall = handler.kind() == CallbackKind.CALL;
        String hint = null;
        if (result.kind() == ResultShape.Kind.OTHER) {
            if (returned.getKind() == TypeKind.VOID) {
                hint = isCall ? "Return Reply.of(reply, state)" : "Return Next.of(state) to keep the state";
            } else if (state.isPresent() && support.same(returned, state.get())) {
                hint = isCall ? "Did you mean Reply<R, " + s + ">, R being the reply type? Return "
                        + "Reply.of(reply, newState)" : "Did you mean Next<" + s + ">? Return Next.of(newState)";
            } else {
                hint = isCall ? "Did you mean Reply<" + support.show(returned) + ", " + s
                        + ">? Return Reply.of(reply, state)" : "Did you mean Next<" + s + ">?";
            }
        } else if (result.kind() == ResultShape.Kind.REPLY && !isCall) {
            hint = "Reply answers a call, and only handleCall has a caller to answer. Return Next.of(state)";
        } else if (result.kind() == ResultShape.Kind.NEXT && isCall && !takesFrom) {
            hint = "With Next the caller is answered later, through a From<R> parameter, and this handler has none: "
                    + "add one, (message, From<R> from, state), or return Reply.of(reply, state)";
        } else if (!result.namesState()) {
            hint = "Name the state type: write " + support.show(support.types().erasure(returned)) + "<"
                    + (result.kind() == ResultShape.Kind.REPLY ? "R, " : "") + s + ">";
        }
        if (hint != null) {
            Message message = switch (handler.kind()) {
                case CALL -> Message.CALL_RETURN;
                case CAST -> Message.CAST_RETURN;
                case INFO -> Message.INFO_RETURN;
                default -> Message.CONTINUE_RETURN;
            };
            report.report(message, handler.method(), s, support.show(handler), support.show(returned), hint);
            return false;
        }
        return checkState(handler, result.state(), "its return type", state, report);
    }

    /** The reply type of a handleCall, from its Reply or From; {@code null} after reporting a problem. */
    private TypeMirror replyType(Callback handler, ResultShape result, TypeMirror from, ValidationReport report) {
        TypeMirror fromReply = null;
        if (from != null) {
            List<? extends TypeMirror> args = support.typeArguments(from);
            if (args.isEmpty() || args.get(0).getKind() == TypeKind.WILDCARD) {
                reportReply(handler, "its From parameter is " + support.show(from) + ", which names no reply type",
                        report);
                return null;
            }
            fromReply = args.get(0);
        }
        TypeMirror returnedReply = result.kind() == ResultShape.Kind.REPLY ? result.reply() : null;
        if (returnedReply != null && returnedReply.getKind() == TypeKind.WILDCARD) {
            reportReply(handler, "it returns " + support.show(handler.type().getReturnType())
                    + ", which names no reply type", report);
            return null;
        }
        if (fromReply != null && returnedReply != null && !support.same(fromReply, returnedReply)) {
            reportReply(handler, "it returns Reply<" + support.show(returnedReply) + ", ...> but answers From<"
                    + support.show(fromReply) + ">", report);
            return null;
        }
        if (returnedReply != null) {
            return returnedReply;
        }
        return fromReply != null ? fromReply : support.elements().getTypeElement("java.lang.Object").asType();
    }

    private void reportReply(Callback handler, String problem, ValidationReport report) {
        report.report(Message.REPLY_TYPE, handler.method(), support.show(handler), problem,
                "Reply<Integer, S> handleCall(Get get, S state)");
    }
}
