package dev.peeper.server;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The state type an implementation declares, {@code S} in {@code implements Dispatcher<S>}, where it is a plain
 * class: for a code change to check, before the old state reaches a typed {@code codeChange}, that it fits.
 * Reflection, but only on a code change, never per message.
 */
final class StateTypes {
    private StateTypes() {
    }

    /** {@code S} of the first {@code Dispatcher<S>} found up {@code implementation}'s class chain, or {@code null}. */
    static Class<?> declared(Class<?> implementation) {
        for (Class<?> type = implementation; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Type declared : type.getGenericInterfaces()) {
                if (declared instanceof ParameterizedType generic && generic.getRawType() == Dispatcher.class) {
                    Type state = generic.getActualTypeArguments()[0];
                    if (state instanceof Class<?> plain) {
                        return plain == Object.class ? null : plain;
                    }
                    if (state instanceof ParameterizedType parameterized
                            && parameterized.getRawType() instanceof Class<?> raw) {
                        return raw;
                    }
                    return null; // a type variable: not known here
                }
            }
        }
        return null;
    }
}
