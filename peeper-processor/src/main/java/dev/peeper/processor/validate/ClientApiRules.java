package dev.peeper.processor.validate;

import dev.peeper.processor.names.ClientApi;
import dev.peeper.processor.names.ClientApi.Signature;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import dev.peeper.processor.validate.ServerShape.InitShape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that the generated client's methods do not clash: two handlers giving the same method (a call
 * {@code Get} and a cast {@code Get}, or {@code a.Put} and {@code b.Put} with the same components), or a
 * handler's method matching one every client has ({@code stop()}, {@code start(...)}, {@code equals(Object)}).
 */
final class ClientApiRules {
    private final TypeSupport support;
    private final ClientMethods clientMethods;

    ClientApiRules(TypeSupport support, ClientMethods clientMethods) {
        this.support = support;
        this.clientMethods = clientMethods;
    }

    void check(Optional<InitShape> init, boolean copiesState, List<HandlerShape> handlers, String pkg,
               ValidationReport report) {
        Map<Signature, String> taken = new HashMap<>();
        Optional<String> argument = init.flatMap(InitShape::argument).map(support::erasedName);
        for (Signature fixed : ClientApi.fixed(argument, copiesState)) {
            taken.put(fixed, "the method " + fixed + " every client has");
        }
        for (HandlerShape handler : handlers) {
            Optional<ClientMethods.Planned> planned = clientMethods.plan(handler, pkg);
            if (planned.isEmpty()) {
                continue;
            }
            for (Signature signature : planned.get().signatures()) {
                String owner = taken.putIfAbsent(signature, "the one from " + support.show(handler.callback()));
                if (owner != null) {
                    report.report(Message.CLIENT_METHOD_CLASH, handler.callback().method(),
                            support.show(handler.callback()), signature, owner);
                    break;
                }
            }
        }
    }
}
