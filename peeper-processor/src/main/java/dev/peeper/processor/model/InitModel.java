package dev.peeper.processor.model;

import java.util.Optional;

/**
 * The server's init.
 *
 * @param argument         the start argument, if init takes one
 * @param returnsResult    whether init returns a {@code Result} (else the state itself)
 * @param uncheckedCast    whether casting the start argument to its type is unchecked (a parameterized type)
 * @param signature        init as people read it, for javadoc: {@code init(Integer)}
 * @param throwsChecked    whether init declares a checked exception
 */
public record InitModel(Optional<ParameterModel> argument, boolean returnsResult, boolean uncheckedCast,
                        String signature, boolean throwsChecked) {
}
