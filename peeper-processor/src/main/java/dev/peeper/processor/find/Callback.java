package dev.peeper.processor.find;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ExecutableType;

/**
 * One callback method of a server class, with its signature as seen from the server class (so a callback
 * inherited from a generic superclass has its type arguments filled in).
 *
 * @param kind   which callback its name makes it
 * @param method the method, where diagnostics point
 * @param type   its parameter and return types as a member of the server class
 */
public record Callback(CallbackKind kind, ExecutableElement method, ExecutableType type) {
}
