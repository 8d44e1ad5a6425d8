package dev.peeper.processor.find;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * A {@code @GenServer} class as read from the source, before any check: the class, its annotation's values
 * and its callback methods (declared or inherited) by kind, in a stable order.
 *
 * @param type      the annotated class
 * @param asType    the class as a type, for resolving inherited members
 * @param options   the annotation's values
 * @param callbacks callback methods by kind; a kind with no method is absent
 * @param others    the methods the class itself declares whose names are no callback's, in declaration order
 *                  (checked for misspelled callbacks)
 */
public record ServerSource(TypeElement type, DeclaredType asType, ServerOptions options,
                           Map<CallbackKind, List<Callback>> callbacks, List<ExecutableElement> others) {

    /** The callbacks of {@code kind}, possibly none. */
    public List<Callback> callbacks(CallbackKind kind) {
        return callbacks.getOrDefault(kind, List.of());
    }
}
