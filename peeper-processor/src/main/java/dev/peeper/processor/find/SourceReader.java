package dev.peeper.processor.find;

import dev.peeper.annotations.GenServer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @GenServer} class into a {@link ServerSource}: its annotation's values and its callback
 * methods. Callbacks are found by name in the class, then its superclasses, then its interfaces, each in
 * declaration order; a method overridden lower down is read once, where it is overridden.
 */
public final class SourceReader {
    /** The annotation's qualified name; mirrors are matched by name, as the processor sees only source types. */
    public static final String GEN_SERVER = GenServer.class.getCanonicalName();

    private final Elements elements;
    private final Types types;

    public SourceReader(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** Reads {@code type}, which carries {@code @GenServer}. */
    public ServerSource read(TypeElement type) {
        DeclaredType asType = (DeclaredType) type.asType();
        Map<CallbackKind, List<Callback>> callbacks = new EnumMap<>(CallbackKind.class);
        for (ExecutableElement method : methodsOf(type)) {
            CallbackKind kind = CallbackKind.forMethodName(method.getSimpleName().toString());
            if (kind != null) {
                ExecutableType signature = (ExecutableType) types.asMemberOf(asType, method);
                callbacks.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Callback(kind, method, signature));
            }
        }
        List<ExecutableElement> others = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(m -> CallbackKind.forMethodName(m.getSimpleName().toString()) == null)
                .toList();
        return new ServerSource(type, asType, readOptions(type), Map.copyOf(callbacks), others);
    }

    private List<ExecutableElement> methodsOf(TypeElement type) {
        List<ExecutableElement> found = new ArrayList<>();
        Deque<TypeElement> interfaces = new ArrayDeque<>();
        Set<TypeElement> seen = new HashSet<>();
        for (TypeElement t = type; t != null; t = superclass(t)) {
            if (t.getQualifiedName().contentEquals("java.lang.Object")) {
                break;
            }
            addNotOverridden(t, type, found);
            t.getInterfaces().forEach(i -> interfaces.add(asElement(i)));
        }
        while (!interfaces.isEmpty()) {
            TypeElement next = interfaces.removeFirst();
            if (next != null && seen.add(next)) {
                addNotOverridden(next, type, found);
                next.getInterfaces().forEach(i -> interfaces.add(asElement(i)));
            }
        }
        return found;
    }

    private void addNotOverridden(TypeElement declaring, TypeElement server, List<ExecutableElement> found) {
        for (ExecutableElement method : ElementFilter.methodsIn(declaring.getEnclosedElements())) {
            if (CallbackKind.forMethodName(method.getSimpleName().toString()) == null) {
                continue;
            }
            if (declaring.getKind().isInterface() && !method.getModifiers().contains(Modifier.DEFAULT)) {
                continue; // abstract interface methods are implemented (or the class is abstract, refused anyway)
            }
            boolean overridden = found.stream().anyMatch(lower -> elements.overrides(lower, method, server));
            if (!overridden) {
                found.add(method);
            }
        }
    }

    private TypeElement superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        return superclass.getKind() == TypeKind.DECLARED ? asElement(superclass) : null;
    }

    private TypeElement asElement(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED ? (TypeElement) types.asElement(type) : null;
    }

    private ServerOptions readOptions(TypeElement type) {
        AnnotationMirror annotation = type.getAnnotationMirrors().stream()
                .filter(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals(GEN_SERVER))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(type + " has no @GenServer"));
        Map<? extends ExecutableElement, ? extends AnnotationValue> explicit = annotation.getElementValues();
        Map<? extends ExecutableElement, ? extends AnnotationValue> all =
                elements.getElementValuesWithDefaults(annotation);
        return new ServerOptions(annotation,
                (String) value(all, "clientName").getValue(), value(explicit, "clientName"),
                (String) value(all, "callTimeout").getValue(), value(explicit, "callTimeout"),
                ((VariableElement) value(all, "stateCopy").getValue()).getSimpleName().toString());
    }

    private static AnnotationValue value(Map<? extends ExecutableElement, ? extends AnnotationValue> values,
                                         String name) {
        return values.entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
