package dev.peeper.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * A parameter of a generated method.
 *
 * @param type its type
 * @param name its name as the user wrote it (a record component's or a callback parameter's)
 */
public record ParameterModel(TypeName type, String name) {
}
