package dev.peeper.processor.validate;

import dev.peeper.processor.find.Callback;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/** Checks every callback must pass, whatever its kind: reachable modifiers, and types generated code can name. */
final class CallbackRules {
    private final TypeSupport support;

    CallbackRules(TypeSupport support) {
        this.support = support;
    }

    /** Checks the modifiers; {@code false} if the dispatcher could not call the method. */
    boolean checkModifiers(Callback callback, ValidationReport report) {
        ExecutableElement method = callback.method();
        String problem = null;
        String fix = null;
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            problem = "private";
            fix = "Remove `private` (package-private is enough)";
        } else if (method.getModifiers().contains(Modifier.STATIC)) {
            problem = "static";
            fix = "Remove `static`: the server instance is where callbacks run";
        } else if (!method.getTypeParameters().isEmpty()) {
            problem = "generic";
            fix = "Remove its type parameters and name the types it handles";
        }
        if (problem != null) {
            report.report(Message.CALLBACK_MODIFIERS, method, support.show(callback), problem, fix);
            return false;
        }
        return true;
    }

    /**
     * Checks that generated code in package {@code pkg} (the server's) can name {@code type}, which the callback
     * uses as its {@code role}.
     */
    boolean checkAccess(Callback callback, TypeMirror type, String role, String pkg, ValidationReport report) {
        Optional<TypeSupport.Inaccessible> why = support.inaccessibility(type, pkg);
        why.ifPresent(w -> report.report(Message.TYPE_ACCESS, callback.method(), support.show(callback),
                support.show(type), role, w.name(), w.reason(), pkg));
        return why.isEmpty();
    }
}
