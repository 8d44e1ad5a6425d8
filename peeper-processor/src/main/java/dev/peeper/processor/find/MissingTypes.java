package dev.peeper.processor.find;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/**
 * Finds the types a server's generated code depends on that do not exist (yet): in its supertypes, its
 * callbacks' signatures and the components of its record messages. Another processor may generate them in a
 * later round, so a server with missing types is deferred, not refused.
 */
public final class MissingTypes {
    private final Types types;

    public MissingTypes(Types types) {
        this.types = types;
    }

    /** The names of the missing types, sorted; empty when everything resolved. */
    public Set<String> in(ServerSource source) {
        Set<String> missing = new TreeSet<>();
        Scanner scanner = new Scanner(missing);
        TypeElement type = source.type();
        scanner.visit(type.getSuperclass());
        type.getInterfaces().forEach(scanner::visit);
        for (List<Callback> callbacks : source.callbacks().values()) {
            for (Callback callback : callbacks) {
                scanner.visit(callback.type());
                List<? extends TypeMirror> parameters = callback.type().getParameterTypes();
                if (callback.kind().isHandler() && !parameters.isEmpty()) {
                    recordComponents(parameters.get(0)).forEach(c -> scanner.visit(c.asType()));
                }
            }
        }
        return missing;
    }

    private List<? extends RecordComponentElement> recordComponents(TypeMirror message) {
        if (message.getKind() != TypeKind.DECLARED) {
            return List.of();
        }
        TypeElement element = (TypeElement) types.asElement(message);
        return element.getKind() == ElementKind.RECORD
                ? ElementFilter.recordComponentsIn(element.getEnclosedElements())
                : List.of();
    }

    /** Walks a type and everything written inside it, collecting error types. */
    private static final class Scanner extends SimpleTypeVisitor14<Void, Void> {
        private final Set<String> missing;

        Scanner(Set<String> missing) {
            this.missing = missing;
        }

        @Override
        public Void visitError(ErrorType t, Void unused) {
            missing.add(t.toString());
            return null;
        }

        @Override
        public Void visitDeclared(DeclaredType t, Void unused) {
            t.getTypeArguments().forEach(this::visit);
            return null;
        }

        @Override
        public Void visitArray(ArrayType t, Void unused) {
            return visit(t.getComponentType());
        }

        @Override
        public Void visitWildcard(WildcardType t, Void unused) {
            if (t.getExtendsBound() != null) {
                visit(t.getExtendsBound());
            }
            if (t.getSuperBound() != null) {
                visit(t.getSuperBound());
            }
            return null;
        }

        @Override
        public Void visitExecutable(ExecutableType t, Void unused) {
            t.getParameterTypes().forEach(this::visit);
            visit(t.getReturnType());
            t.getThrownTypes().forEach(this::visit);
            return null;
        }
    }
}
