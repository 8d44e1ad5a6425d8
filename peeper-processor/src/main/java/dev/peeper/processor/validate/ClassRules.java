package dev.peeper.processor.validate;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Checks the annotated class itself: kind, nesting, visibility, abstractness, type parameters, constructor. */
final class ClassRules {
    private final TypeSupport support;

    ClassRules(TypeSupport support) {
        this.support = support;
    }

    /** Checks {@code type}; returns {@code false} if it is not a class at all, so nothing else applies. */
    boolean check(TypeElement type, ValidationReport report) {
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
            report.report(Message.NOT_A_CLASS, type, type.getSimpleName(), describe(type.getKind()));
            return false;
        }
        if (!isStaticallyNested(type)) {
            report.report(Message.NESTING, type, type.getSimpleName());
        }
        if (isPrivate(type)) {
            report.report(Message.VISIBILITY, type, type.getSimpleName(), support.packageOf(type));
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            report.report(Message.ABSTRACT, type, type.getSimpleName());
        }
        if (!type.getTypeParameters().isEmpty()) {
            report.report(Message.GENERIC, type, type.getSimpleName(), type.getTypeParameters().stream()
                    .map(Element::getSimpleName).map(Object::toString).collect(Collectors.joining(", ", "<", ">")));
        }
        constructorProblem(type).ifPresent(problem ->
                report.report(Message.CONSTRUCTOR, type, type.getSimpleName(), type.getSimpleName(), problem));
        return true;
    }

    private static String describe(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static boolean isStaticallyNested(TypeElement type) {
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            NestingKind nesting = t.getNestingKind();
            if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
                return false;
            }
            if (nesting == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)
                    && t.getEnclosingElement().getKind().isClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrivate(TypeElement type) {
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with the constructors, or empty if one without parameters is usable. */
    private Optional<String> constructorProblem(TypeElement type) {
        List<ExecutableElement> noArgs = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .filter(c -> c.getParameters().isEmpty())
                .toList();
        if (noArgs.isEmpty()) {
            return Optional.of("It has none; add `" + type.getSimpleName() + "() {}` and pass dependencies "
                    + "through init's argument");
        }
        ExecutableElement constructor = noArgs.get(0);
        boolean classIsPrivate = type.getModifiers().contains(Modifier.PRIVATE);
        if (constructor.getModifiers().contains(Modifier.PRIVATE) && !classIsPrivate) {
            // (a private class's default constructor is private too, and GenServerVisibility already says so)
            return Optional.of("Its constructor without parameters is private; make it package-private");
        }
        for (TypeMirror thrown : constructor.getThrownTypes()) {
            if (support.isChecked(thrown)) {
                return Optional.of("Its constructor without parameters throws " + support.show(thrown)
                        + "; do that work in init, whose exceptions fail the start with a clear reason");
            }
        }
        return Optional.empty();
    }
}
