package dev.peeper.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * A codeChange overload that migrates an old state of another type on an upgrade:
 * {@code S codeChange(Object oldVersion, Old old, Object extra)}.
 *
 * @param oldState      the old state type it takes, {@code Old}
 * @param pattern       the type the dispatcher's type switch tests: {@code oldState} itself, or, for a
 *                      parameterized type, the same type with wildcards ({@code Map<?, ?>}), which the switch can
 *                      test at run time
 * @param signature     as people read it, for javadoc: {@code codeChange(Object, Integer, Object)}
 */
public record MigrationModel(TypeName oldState, TypeName pattern, String signature) {
    /** Whether the switch's match must be cast, unchecked, to the old state type. */
    public boolean uncheckedCast() {
        return !oldState.equals(pattern);
    }
}
