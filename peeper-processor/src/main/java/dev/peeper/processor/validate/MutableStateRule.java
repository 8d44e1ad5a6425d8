package dev.peeper.processor.validate;

import dev.peeper.annotations.StateCopyMode;
import dev.peeper.processor.find.ServerSource;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Warns when the state type is <em>evidently</em> mutable: an array, a well-known mutable JDK class, a class of
 * the user's with a non-final field, or a record holding one of those. Interfaces such as {@code List} are not
 * evident (they are often immutable), so they pass.
 */
final class MutableStateRule {
    private static final Set<String> MUTABLE_JDK = Set.of(
            "java.util.ArrayList", "java.util.LinkedList", "java.util.Vector", "java.util.Stack",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Hashtable",
            "java.util.IdentityHashMap", "java.util.WeakHashMap", "java.util.EnumMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumSet",
            "java.util.ArrayDeque", "java.util.PriorityQueue", "java.util.BitSet",
            "java.util.Date", "java.util.Calendar", "java.util.GregorianCalendar",
            "java.lang.StringBuilder", "java.lang.StringBuffer",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentSkipListMap",
            "java.util.concurrent.ConcurrentSkipListSet", "java.util.concurrent.ConcurrentLinkedQueue",
            "java.util.concurrent.ConcurrentLinkedDeque", "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.CopyOnWriteArraySet");

    private final TypeSupport support;

    MutableStateRule(TypeSupport support) {
        this.support = support;
    }

    /** Warns on init (where the state type is fixed) if the state is evidently mutable. */
    void check(ServerSource source, Element init, TypeMirror state, ValidationReport report) {
        if (source.options().stateCopy().equals(StateCopyMode.COPY_METHOD.name())) {
            return;
        }
        whyMutable(state, new HashSet<>()).ifPresent(why -> report.report(Message.MUTABLE_STATE, init,
                support.show(state), source.type().getSimpleName(), why));
    }

    private Optional<String> whyMutable(TypeMirror type, Set<String> seen) {
        if (type.getKind() == TypeKind.ARRAY) {
            return Optional.of(support.show(type) + " is an array");
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement element = (TypeElement) support.types().asElement(type);
        String name = element.getQualifiedName().toString();
        if (!seen.add(name)) {
            return Optional.empty();
        }
        if (MUTABLE_JDK.contains(name) || name.startsWith("java.util.concurrent.atomic.")) {
            return Optional.of(element.getSimpleName() + " is a mutable class");
        }
        if (name.startsWith("java.") || name.startsWith("javax.")) {
            return Optional.empty();
        }
        if (element.getKind() == ElementKind.RECORD) {
            for (RecordComponentElement component : ElementFilter.recordComponentsIn(element.getEnclosedElements())) {
                Optional<String> why = whyMutable(component.asType(), seen);
                if (why.isPresent()) {
                    return Optional.of("its component " + component.getSimpleName() + ": " + why.get());
                }
            }
            return Optional.empty();
        }
        if (element.getKind() == ElementKind.CLASS) {
            return nonFinalField(element);
        }
        return Optional.empty();
    }

    private Optional<String> nonFinalField(TypeElement type) {
        for (TypeElement t = type; t != null && !t.getQualifiedName().toString().startsWith("java.");
             t = t.getSuperclass().getKind() == TypeKind.DECLARED
                     ? (TypeElement) support.types().asElement(t.getSuperclass()) : null) {
            for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
                if (!field.getModifiers().contains(Modifier.STATIC) && !field.getModifiers().contains(Modifier.FINAL)) {
                    return Optional.of("its field " + field.getSimpleName() + " is not final");
                }
            }
        }
        return Optional.empty();
    }
}
