package dev.peeper.processor.validate;

import dev.peeper.processor.names.RuntimeTypes;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * A callback's return type read as one of the runtime's results.
 *
 * @param kind  which result, or {@link Kind#OTHER} for anything else (the state itself, {@code void}, ...)
 * @param state the state type argument; {@code null} if raw or not a result
 * @param reply the reply type argument of a {@code Reply}; {@code null} otherwise
 */
record ResultShape(Kind kind, TypeMirror state, TypeMirror reply) {
    enum Kind { REPLY, NEXT, STOP, RESULT, OTHER }

    static ResultShape of(TypeMirror returned, TypeSupport support) {
        List<? extends TypeMirror> args = support.typeArguments(returned);
        if (support.is(returned, RuntimeTypes.REPLY)) {
            return new ResultShape(Kind.REPLY, args.size() == 2 ? args.get(1) : null,
                    args.size() == 2 ? args.get(0) : null);
        }
        for (Kind kind : List.of(Kind.NEXT, Kind.STOP, Kind.RESULT)) {
            if (support.is(returned, switch (kind) {
                case NEXT -> RuntimeTypes.NEXT;
                case STOP -> RuntimeTypes.STOP;
                default -> RuntimeTypes.RESULT;
            })) {
                return new ResultShape(kind, args.size() == 1 ? args.get(0) : null, null);
            }
        }
        return new ResultShape(Kind.OTHER, null, null);
    }

    /** Whether the state argument is a usable type: present and not a wildcard. */
    boolean namesState() {
        return state != null && state.getKind() != TypeKind.WILDCARD;
    }
}
