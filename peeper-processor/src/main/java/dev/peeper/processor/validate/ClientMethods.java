package dev.peeper.processor.validate;

import dev.peeper.processor.find.CallbackKind;
import dev.peeper.processor.names.GeneratedNames;
import dev.peeper.processor.names.RuntimeTypes;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import java.util.ArrayList;
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
 * Which client methods a handler gets: their names, and their parameters. A record message whose canonical
 * constructor the client can call is built from its components ({@code record Add(int by)} gives
 * {@code add(int by)}); any other message is passed whole. A handler taking a sealed type gets one method per
 * permitted subtype instead ({@code sealed interface AccountCommand permits Deposit, Withdraw} gives
 * {@code deposit(...)} and {@code withdraw(...)}), recursing into sealed subtypes; a permitted subtype that is
 * not a record (a final class, an enum, a non-sealed type) gets a method taking it whole, one that callers cannot
 * name (private) gets none, and one that another handler of the same kind takes more specifically is left to that
 * handler's method. The model reads this, and the writer writes what the model says.
 */
public final class ClientMethods {
    /**
     * One client method (a call adds a {@code Duration} and an async variant of it).
     *
     * @param name       the method name ({@code get}; the async one adds {@code Async})
     * @param message    the message type it sends: the handler's, or a permitted subtype of it
     * @param components the record components that become parameters, or empty to take the message whole
     * @param varargs    whether the last component is a varargs array the client takes as {@code ...} too
     */
    public record Planned(String name, TypeMirror message, Optional<List<RecordComponentElement>> components,
                          boolean varargs) {
    }

    private final TypeSupport support;

    public ClientMethods(TypeSupport support) {
        this.support = support;
    }

    /**
     * The client methods for {@code handler} in a client in package {@code pkg}, given the {@code siblings} (all
     * handlers of the server, the handler among them); empty if it gets none.
     */
    public List<Planned> plan(HandlerShape handler, List<HandlerShape> siblings, String pkg) {
        CallbackKind kind = handler.callback().kind();
        if (handler.catchAll() || kind == CallbackKind.CONTINUE || handler.message().getKind() != TypeKind.DECLARED) {
            return List.of();
        }
        TypeElement message = (TypeElement) support.types().asElement(handler.message());
        if (kind == CallbackKind.INFO
                && RuntimeTypes.RUNTIME_PACKAGES.contains(support.packageOf(message))) {
            return List.of(); // IdleTimeout, Down, ExitSignal: only the runtime sends them
        }
        if (isSealed(message) && message.getTypeParameters().isEmpty()) {
            List<Planned> planned = new ArrayList<>();
            expand(message, handler, siblings, pkg, planned);
            return List.copyOf(planned);
        }
        return List.of(method(kind, message, handler.message(), pkg));
    }

    private void expand(TypeElement sealed, HandlerShape handler, List<HandlerShape> siblings, String pkg,
                        List<Planned> planned) {
        for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
            TypeMirror erased = support.types().erasure(permitted);
            TypeElement subtype = (TypeElement) support.types().asElement(erased);
            if (subtype == null || support.inaccessibility(erased, pkg).isPresent()
                    || takenMoreSpecifically(erased, handler, siblings)) {
                continue;
            }
            if (isSealed(subtype) && subtype.getTypeParameters().isEmpty()) {
                expand(subtype, handler, siblings, pkg, planned);
            } else {
                planned.add(method(handler.callback().kind(), subtype, erased, pkg));
            }
        }
    }

    /** Whether another handler of the kind takes {@code type} with a message type more specific than the handler's. */
    private boolean takenMoreSpecifically(TypeMirror type, HandlerShape handler, List<HandlerShape> siblings) {
        TypeMirror own = support.types().erasure(handler.message());
        return siblings.stream()
                .filter(other -> other != handler && other.callback().kind() == handler.callback().kind()
                        && !other.catchAll())
                .map(other -> support.types().erasure(other.message()))
                .anyMatch(other -> support.types().isSubtype(type, other) && support.types().isSubtype(other, own)
                        && !support.types().isSameType(other, own));
    }

    private Planned method(CallbackKind kind, TypeElement message, TypeMirror messageType, String pkg) {
        String simple = message.getSimpleName().toString();
        String name = kind == CallbackKind.INFO ? GeneratedNames.infoMethod(simple)
                : GeneratedNames.messageMethod(simple);
        Optional<List<RecordComponentElement>> components = components(message, pkg);
        return new Planned(name, messageType, components, components.isPresent() && isVarargs(message));
    }

    private static boolean isSealed(TypeElement type) {
        return type.getModifiers().contains(Modifier.SEALED);
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

    /**
     * Whether the record's canonical constructor is varargs and its last component reifiable: a client method
     * taking {@code List<String>...} would warn of heap pollution, and could not be {@code @SafeVarargs}.
     */
    private boolean isVarargs(TypeElement record) {
        boolean varargs = ElementFilter.constructorsIn(record.getEnclosedElements()).stream()
                .filter(support.elements()::isCanonicalConstructor)
                .anyMatch(ExecutableElement::isVarArgs);
        List<RecordComponentElement> components = ElementFilter.recordComponentsIn(record.getEnclosedElements());
        return varargs && !components.isEmpty()
                && support.isReifiable(components.get(components.size() - 1).asType());
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
