package dev.peeper.processor.validate;

import dev.peeper.processor.names.ClientMember;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks that the generated client's methods do not clash, reading the members the writer actually generates:
 * two handlers giving the same method (a call {@code Get} and a cast {@code Get}, or {@code a.Put} and
 * {@code b.Put} with the same components), a handler's method with the signature of one every client has
 * ({@code stop()}) or of {@code java.lang.Object} ({@code wait(long)}), or an instance method named like one of
 * the client's static ones ({@code record Named(String)} beside {@code static named(Object)}: a call
 * {@code CounterClient.named("x")} would pick the instance method and not compile).
 */
public final class ClientApiRules {
    /**
     * The members one handler adds to the client.
     *
     * @param handler the handler
     * @param members the methods it adds, as generated
     */
    public record Added(HandlerShape handler, List<ClientMember> members) {
    }

    /** A member already in the client, with how a message names it. */
    private record Taken(ClientMember member, String description) {
    }

    private final TypeSupport support;

    public ClientApiRules(TypeSupport support) {
        this.support = support;
    }

    /**
     * Checks the members each handler adds against those every client of this server has ({@code fixed}),
     * {@code java.lang.Object}'s, and those of the handlers before it; one report per handler.
     */
    public void check(List<ClientMember> fixed, List<Added> added, ValidationReport report) {
        List<Taken> taken = new ArrayList<>();
        for (ClientMember member : fixed) {
            taken.add(new Taken(member, "the " + (member.isStatic() ? "static " : "") + "method " + member
                    + " every client has"));
        }
        TypeElement object = support.elements().getTypeElement("java.lang.Object");
        for (ExecutableElement method : ElementFilter.methodsIn(object.getEnclosedElements())) {
            if (!method.getModifiers().contains(Modifier.STATIC)) {
                ClientMember member = new ClientMember(method.getSimpleName().toString(), method.getParameters()
                        .stream().map(p -> support.erasedName(p.asType())).toList(), false);
                taken.add(new Taken(member, "the method " + member + " of java.lang.Object"));
            }
        }
        for (Added handler : added) {
            for (ClientMember member : handler.members()) {
                Optional<String> clash = clash(member, taken);
                if (clash.isPresent()) {
                    report.report(Message.CLIENT_METHOD_CLASH, handler.handler().callback().method(),
                            support.show(handler.handler().callback()), member, clash.get());
                    break;
                }
            }
            for (ClientMember member : handler.members()) {
                taken.add(new Taken(member, "the " + member + " from " + support.show(handler.handler().callback())));
            }
        }
    }

    private static Optional<String> clash(ClientMember member, List<Taken> taken) {
        for (Taken other : taken) {
            if (other.member().sameSignature(member)) {
                return Optional.of(other.description());
            }
            if (other.member().name().equals(member.name()) && other.member().isStatic() != member.isStatic()) {
                return Optional.of(other.description() + " (a static and an instance method cannot share a name: a "
                        + "call through the class would find the instance one)");
            }
        }
        return Optional.empty();
    }
}
