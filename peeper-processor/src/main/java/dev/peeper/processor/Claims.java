package dev.peeper.processor;

import dev.peeper.processor.find.SourceReader;
import dev.peeper.processor.write.SourceFileGenerator;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Which annotations this processor claims in a round, so that javac's {@code -Xlint:processing} ("No processor
 * claimed any of these annotations") stays quiet under a user's {@code -Xlint:all -Werror}: {@code @GenServer},
 * which is Peeper's own, and {@code @Generated}, but only in a round where every element carrying it was generated
 * by this processor. Another tool's {@code @Generated} is never claimed: in a round that has one, nothing is, as
 * {@code process} answers for all of a round's annotations at once.
 */
final class Claims {
    /** {@code javax.annotation.processing.Generated}, which this processor puts on everything it writes. */
    static final String GENERATED = "javax.annotation.processing.Generated";

    private Claims() {
    }

    /** The annotation types the processor asks javac for. */
    static Set<String> supported() {
        return Set.of(SourceReader.GEN_SERVER, GENERATED);
    }

    /** Whether to claim {@code annotations}, the round's supported annotations present. */
    static boolean claim(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            String name = annotation.getQualifiedName().toString();
            boolean ours = name.equals(SourceReader.GEN_SERVER)
                    || (name.equals(GENERATED) && round.getElementsAnnotatedWith(annotation).stream()
                    .allMatch(Claims::generatedHere));
            if (!ours) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code element}'s {@code @Generated} names this processor. */
    private static boolean generatedHere(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(GENERATED)) {
                for (var entry : mirror.getElementValues().entrySet()) {
                    if (entry.getKey().getSimpleName().contentEquals("value")
                            && names(entry.getValue(), SourceFileGenerator.GENERATOR)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@code value}, a {@code String[]} annotation value, holds exactly {@code generator}. */
    private static boolean names(AnnotationValue value, String generator) {
        return value.getValue() instanceof java.util.List<?> values && values.size() == 1
                && values.get(0) instanceof AnnotationValue only && generator.equals(only.getValue());
    }
}
