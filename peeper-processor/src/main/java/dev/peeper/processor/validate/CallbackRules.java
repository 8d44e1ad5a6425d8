package dev.peeper.processor.validate;

import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.CallbackKind;
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
     * Checks what the callback declares it throws. handleCall may declare anything (its checked exceptions are
     * answered to the caller); copyState nothing checked (the keeper calls it as a plain function); every other
     * callback only exceptions, since the runtime calls it through a method that {@code throws Exception}.
     */
    boolean checkThrows(Callback callback, ValidationReport report) {
        if (callback.kind() == CallbackKind.CALL) {
            return true;
        }
        TypeMirror exception = support.elements().getTypeElement("java.lang.Exception").asType();
        for (TypeMirror thrown : callback.type().getThrownTypes()) {
            if (!support.isChecked(thrown)) {
                continue;
            }
            if (callback.kind() == CallbackKind.COPY_STATE) {
                report.report(Message.THROWS, callback.method(), support.show(callback), support.show(thrown),
                        "the keeper calls copyState as a plain function, which cannot throw checked exceptions",
                        "Catch it inside copyState, or wrap it in an unchecked exception");
                return false;
            }
            if (!support.types().isSubtype(thrown, exception)) {
                report.report(Message.THROWS, callback.method(), support.show(callback), support.show(thrown),
                        "the runtime calls callbacks through methods that declare `throws Exception`, so they "
                                + "may throw exceptions but no other Throwable",
                        "Declare `throws Exception` or a subclass of it");
                return false;
            }
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
