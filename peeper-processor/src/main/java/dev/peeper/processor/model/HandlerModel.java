package dev.peeper.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * One handler overload.
 *
 * @param message      the message type it takes ({@code Object} for the catch-all)
 * @param messageName  the message type's simple name, for generated variable names
 * @param signature    the handler as people read it, for javadoc: {@code handleCall(Get, Integer)}
 * @param takesFrom    whether it takes a {@code From} (handleCall only)
 * @param reply        the reply type (handleCall only)
 * @param clientMethods the client methods that reach it: one, or one per permitted subtype of a sealed message
 *                     type, or none
 * @param throwsChecked whether it declares a checked exception the dispatcher passes on (a crash); a
 *                      {@code handleCall}'s are answered to its caller instead, see {@code answered}
 * @param answered     the checked exceptions a {@code handleCall} declares, none a subtype of another: the caller
 *                     gets them; empty for the other kinds
 */
public record HandlerModel(TypeName message, String messageName, String signature, boolean takesFrom,
                           Optional<TypeName> reply, List<ClientMethodModel> clientMethods,
                           boolean throwsChecked, List<FailureModel> answered) {
}
