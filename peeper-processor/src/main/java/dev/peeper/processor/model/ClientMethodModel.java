package dev.peeper.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * The client method(s) of one handler.
 *
 * @param name         the method name; a call's async variant appends {@code Async}
 * @param components   the record components to take and build the message from; empty to take the message whole
 * @param message      the message type, built with {@code new} from the components or taken whole
 * @param messageParam the parameter's name when the message is taken whole
 * @param varargs      whether the last component is taken as {@code ...}, as the record's constructor takes it
 */
public record ClientMethodModel(String name, Optional<List<ParameterModel>> components, TypeName message,
                                String messageParam, boolean varargs) {
}
