package dev.peeper.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.peeper.processor.find.Callback;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Questions about types that several rules ask, and how types and callbacks are shown in messages. */
public final class TypeSupport {
    private final Elements elements;
    private final Types types;

    public TypeSupport(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    public Types types() {
        return types;
    }

    public Elements elements() {
        return elements;
    }

    /** Whether {@code type}'s erasure is the class {@code name}. */
    public boolean is(TypeMirror type, ClassName name) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals(name.canonicalName());
    }

    /** Whether {@code type} is {@code java.lang.Object}. */
    public boolean isObject(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) types.asElement(type)).getQualifiedName().contentEquals("java.lang.Object");
    }

    /** Whether two types are the same; {@code false} if either is unknown. */
    public boolean same(TypeMirror a, TypeMirror b) {
        return a != null && b != null && types.isSameType(a, b);
    }

    /** The type arguments of a declared type; empty for a raw or non-declared type. */
    public List<? extends TypeMirror> typeArguments(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED ? ((DeclaredType) type).getTypeArguments() : List.of();
    }

    /** The erasure as a qualified name, as {@link dev.peeper.processor.names.ClientMember} holds parameter types. */
    public String erasedName(TypeMirror type) {
        return types.erasure(type).toString();
    }

    /** The package an element is in. */
    public String packageOf(Element element) {
        PackageElement pkg = elements.getPackageOf(element);
        return pkg.getQualifiedName().toString();
    }

    /**
     * A type that cannot be named from some package, and why.
     *
     * @param name   its simple name
     * @param reason why, e.g. {@code private}
     */
    public record Inaccessible(String name, String reason) {
    }

    /** Why {@code type}, or a type written inside it, cannot be named from package {@code pkg}; empty if it can. */
    public Optional<Inaccessible> inaccessibility(TypeMirror type, String pkg) {
        switch (type.getKind()) {
            case ARRAY:
                return inaccessibility(((ArrayType) type).getComponentType(), pkg);
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound()
                        : wildcard.getSuperBound();
                return bound == null ? Optional.empty() : inaccessibility(bound, pkg);
            case DECLARED:
                for (Element e = types.asElement(type); e instanceof TypeElement t; e = e.getEnclosingElement()) {
                    Optional<Inaccessible> why = whyNotAccessible(t, pkg);
                    if (why.isPresent()) {
                        return why;
                    }
                }
                for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
                    Optional<Inaccessible> why = inaccessibility(argument, pkg);
                    if (why.isPresent()) {
                        return why;
                    }
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private Optional<Inaccessible> whyNotAccessible(TypeElement type, String pkg) {
        String name = type.getSimpleName().toString();
        if (type.getModifiers().contains(Modifier.PUBLIC)) {
            return Optional.empty();
        }
        if (type.getModifiers().contains(Modifier.PRIVATE)) {
            return Optional.of(new Inaccessible(name, "private"));
        }
        if (!packageOf(type).equals(pkg)) {
            return Optional.of(new Inaccessible(name, "not public and lives in package " + packageOf(type)));
        }
        return Optional.empty();
    }

    /** A type as people write it, with simple names: {@code Reply<Integer, List<String>>}. */
    public String show(TypeMirror type) {
        switch (type.getKind()) {
            case DECLARED:
                DeclaredType declared = (DeclaredType) type;
                String name = declared.asElement().getSimpleName().toString();
                if (declared.getTypeArguments().isEmpty()) {
                    return name;
                }
                return name + declared.getTypeArguments().stream().map(this::show)
                        .collect(Collectors.joining(", ", "<", ">"));
            case ARRAY:
                return show(((ArrayType) type).getComponentType()) + "[]";
            case WILDCARD:
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    return "? extends " + show(wildcard.getExtendsBound());
                }
                return wildcard.getSuperBound() != null ? "? super " + show(wildcard.getSuperBound()) : "?";
            default:
                return type.toString();
        }
    }

    /** A callback as people read it: {@code handleCall(Get, From<Integer>, Integer)}. */
    public String show(Callback callback) {
        return callback.method().getSimpleName() + callback.type().getParameterTypes().stream().map(this::show)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Whether {@code type} is fully known at run time: a cast to it is checked, an array of it is safe. */
    public boolean isReifiable(TypeMirror type) {
        return switch (type.getKind()) {
            case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().allMatch(a ->
                    a.getKind() == TypeKind.WILDCARD && ((WildcardType) a).getExtendsBound() == null
                            && ((WildcardType) a).getSuperBound() == null);
            case ARRAY -> isReifiable(((ArrayType) type).getComponentType());
            case TYPEVAR -> false;
            default -> true;
        };
    }

    /** Whether {@code thrown} is a checked exception type. */
    public boolean isChecked(TypeMirror thrown) {
        TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        return !types.isSubtype(thrown, runtime) && !types.isSubtype(thrown, error);
    }

    /** Whether {@code thrown} is a supertype of unchecked exceptions too ({@code Exception}, {@code Throwable}). */
    public boolean coversUnchecked(TypeMirror thrown) {
        TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
        return types.isSubtype(runtime, thrown);
    }

    /** Whether the callback declares a checked exception, so the code calling it must declare one too. */
    public boolean throwsChecked(Callback callback) {
        return callback.type().getThrownTypes().stream().anyMatch(this::isChecked);
    }

    /**
     * Whether no object can be both an {@code a} and a {@code b} (erased types), neither being a subtype of the
     * other: then a type switch tells them apart whatever order it tests them in.
     */
    public boolean disjoint(TypeMirror a, TypeMirror b) {
        if (types.isSubtype(a, b) || types.isSubtype(b, a)) {
            return false;
        }
        TypeElement x = (TypeElement) types.asElement(a);
        TypeElement y = (TypeElement) types.asElement(b);
        if (x == null || y == null) {
            return true; // arrays and the like: told apart by the switch exactly
        }
        if (isFinal(x) || isFinal(y)) {
            return true; // a final type has no subtypes that could also be the other
        }
        if (isClassLike(x) && isClassLike(y)) {
            return true; // single inheritance
        }
        if (x.getModifiers().contains(Modifier.SEALED)) {
            return x.getPermittedSubclasses().stream().allMatch(p -> disjoint(types.erasure(p), b));
        }
        if (y.getModifiers().contains(Modifier.SEALED)) {
            return y.getPermittedSubclasses().stream().allMatch(p -> disjoint(a, types.erasure(p)));
        }
        return false;
    }

    private static boolean isFinal(TypeElement type) {
        return type.getModifiers().contains(Modifier.FINAL) || type.getKind() == ElementKind.RECORD
                || type.getKind() == ElementKind.ENUM;
    }

    /** Whether a class, record or enum type element (not an interface). */
    public static boolean isClassLike(Element element) {
        ElementKind kind = element.getKind();
        return kind == ElementKind.CLASS || kind == ElementKind.RECORD || kind == ElementKind.ENUM;
    }
}
