package dev.peeper.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Optional;

/**
 * One handler overload.
 *
 * @param message      the message type it takes ({@code Object} for the catch-all)
 * @param messageName  the message type's simple name, for generated variable names
 * @param signature    the handler as people read it, for javadoc: {@code handleCall(Get, Integer)}
 * @param takesFrom    whether it takes a {@code From} (handleCall only)
 * @param reply        the reply type (handleCall only)
 * @param clientMethod the client method that reaches it, if any
 * @param throwsChecked whether it declares a checked exception
 */
public record HandlerModel(TypeName message, String messageName, String signature, boolean takesFrom,
                           Optional<TypeName> reply, Optional<ClientMethodModel> clientMethod,
                           boolean throwsChecked) {
}
