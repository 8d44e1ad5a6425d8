package dev.peeper.processor.validate;

import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.names.ClientApi;
import dev.peeper.processor.names.ClientApi.Signature;
import dev.peeper.processor.names.GeneratedNames;
import dev.peeper.processor.names.RuntimeTypes;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Which client methods a handler gets: their name, and their parameters. A record message whose canonical
 * constructor the client can call is built from its components ({@code record Add(int by)} gives
 * {@code add(int by)}); any other message is passed whole. The clash check and the model both read this.
 */
public final class ClientMethods {
    /**
     * A handler's client methods.
     *
     * @param name       the method name ({@code get}; the async one adds {@code Async})
     * @param components the record components that become parameters, or empty to take the message whole
     * @param signatures the erased signatures of every method it adds
     */
    public record Planned(String name, Optional<List<RecordComponentElement>> components,
                          List<Signature> signatures) {
    }

    private final TypeSupport support;

    public ClientMethods(TypeSupport support) {
        this.support = support;
    }

    /** The client methods for {@code handler} in a client in package {@code pkg}; empty if it gets none. */
    public Optional<Planned> plan(HandlerShape handler, String pkg) {
        CallbackKind kind = handler.callback().kind();
        if (handler.catchAll() || kind == CallbackKind.CONTINUE || handler.message().getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement message = (TypeElement) support.types().asElement(handler.message());
        if (kind == CallbackKind.INFO
                && RuntimeTypes.RUNTIME_PACKAGES.contains(support.packageOf(message))) {
            return Optional.empty(); // IdleTimeout, Down, ExitSignal: only the runtime sends them
        }
        String simple = message.getSimpleName().toString();
        String name = kind == CallbackKind.INFO ? GeneratedNames.infoMethod(simple)
                : GeneratedNames.messageMethod(simple);
        Optional<List<RecordComponentElement>> components = components(message, pkg);
        List<String> parameters = components
                .map(list -> list.stream().map(c -> support.erasedName(c.asType())).toList())
                .orElse(List.of(support.erasedName(handler.message())));
        List<Signature> signatures = kind == CallbackKind.CALL ? ClientApi.forCall(name, parameters)
                : ClientApi.forSend(name, parameters);
        return Optional.of(new Planned(name, components, signatures));
    }

    private Optional<List<RecordComponentElement>> components(TypeElement message, String pkg) {
        if (message.getKind() != ElementKind.RECORD || !message.getTypeParameters().isEmpty()) {
            return Optional.empty();
        }
        List<RecordComponentElement> components = ElementFilter.recordComponentsIn(message.getEnclosedElements());
        boolean constructible = ElementFilter.constructorsIn(message.getEnclosedElements()).stream()
                .filter(support.elements()::isCanonicalConstructor)
                .anyMatch(c -> callable(c, pkg));
        boolean nameable = components.stream()
                .allMatch(c -> support.inaccessibility(c.asType(), pkg).isEmpty() && !isTypeVariable(c.asType()));
        return constructible && nameable ? Optional.of(List.copyOf(components)) : Optional.empty();
    }

    private boolean callable(ExecutableElement constructor, String pkg) {
        if (constructor.getModifiers().contains(Modifier.PUBLIC)) {
            return true;
        }
        return !constructor.getModifiers().contains(Modifier.PRIVATE) && support.packageOf(constructor).equals(pkg);
    }

    private static boolean isTypeVariable(TypeMirror type) {
        return type.getKind() == TypeKind.TYPEVAR;
    }
}
