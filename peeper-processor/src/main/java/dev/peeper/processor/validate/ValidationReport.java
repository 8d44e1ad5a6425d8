package dev.peeper.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The findings about one server class: every message, each attached to the element (and, where it helps, the
 * annotation value) it is about. Rules add to it; the processor prints it once, and skips the class if it has
 * an error. Warnings the element suppresses with {@code @SuppressWarnings("Tag")} are dropped here.
 */
public final class ValidationReport {
    /** One finding. */
    public record Item(Message message, String text, Element element, AnnotationMirror annotation,
                       AnnotationValue value) {
    }

    private final List<Item> items = new ArrayList<>();

    /** Reports {@code message} on {@code element}. */
    public void report(Message message, Element element, Object... args) {
        add(message, element, null, null, args);
    }

    /** Reports {@code message} on an annotation value, or on the annotation if {@code value} is not written. */
    public void report(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
                       Object... args) {
        add(message, element, annotation, value, args);
    }

    private void add(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
                     Object... args) {
        Objects.requireNonNull(element, "element");
        if (message.kind() == Diagnostic.Kind.WARNING && Suppression.isSuppressed(element, message.tag())) {
            return;
        }
        items.add(new Item(message, message.format(args), element, annotation, value));
    }

    /** Whether any finding is an error. */
    public boolean hasErrors() {
        return items.stream().anyMatch(i -> i.message().kind() == Diagnostic.Kind.ERROR);
    }

    /** The findings, in the order they were made. */
    public List<Item> items() {
        return List.copyOf(items);
    }

    /** Prints every finding once, then forgets them. */
    public void printTo(Messager messager) {
        for (Item item : items) {
            if (item.value() != null) {
                messager.printMessage(item.message().kind(), item.text(), item.element(), item.annotation(),
                        item.value());
            } else if (item.annotation() != null) {
                messager.printMessage(item.message().kind(), item.text(), item.element(), item.annotation());
            } else {
                messager.printMessage(item.message().kind(), item.text(), item.element());
            }
        }
        items.clear();
    }
}
