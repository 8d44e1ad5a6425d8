package dev.peeper.processor.validate;

import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks that each message reaches exactly one handler of a kind: no two overloads take the same type, and no
 * two take types that overlap without one extending the other (a type switch would then depend on order).
 */
final class DispatchRules {
    private final TypeSupport support;

    DispatchRules(TypeSupport support) {
        this.support = support;
    }

    /** Checks {@code handlers}; returns those not reported, for the checks that follow. */
    List<HandlerShape> check(List<HandlerShape> handlers, ValidationReport report) {
        List<HandlerShape> kept = new ArrayList<>();
        for (CallbackKind kind : CallbackKind.values()) {
            List<HandlerShape> ofKind = handlers.stream().filter(h -> h.callback().kind() == kind).toList();
            for (int j = 0; j < ofKind.size(); j++) {
                HandlerShape later = ofKind.get(j);
                boolean reported = false;
                for (HandlerShape earlier : ofKind.subList(0, j)) {
                    if (checkPair(earlier, later, report)) {
                        reported = true;
                        break;
                    }
                }
                if (!reported) {
                    kept.add(later);
                }
            }
        }
        return kept;
    }

    /** Checks one pair; {@code true} if it reported (one report per later handler is enough). */
    private boolean checkPair(HandlerShape earlier, HandlerShape later, ValidationReport report) {
        Types types = support.types();
        TypeMirror a = types.erasure(earlier.message());
        TypeMirror b = types.erasure(later.message());
        if (types.isSameType(a, b)) {
            report.report(Message.DUPLICATE_HANDLER, later.callback().method(), support.show(later.callback()),
                    support.show(a), support.show(earlier.callback()), later.callback().kind().methodName());
            return true;
        }
        if (earlier.catchAll() || later.catchAll() || types.isSubtype(a, b) || types.isSubtype(b, a)
                || support.disjoint(a, b)) {
            return false;
        }
        report.report(Message.AMBIGUOUS_DISPATCH, later.callback().method(), support.show(earlier.callback()),
                support.show(later.callback()), support.show(a), support.show(b));
        return true;
    }
}
