package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor claims {@code @GenServer} and its own {@code @Generated} (issue 10, item 1): a user's
 * {@code -Xlint:all -Werror} build needs no {@code -Xlint:-processing}, and other processors on the same classes
 * still see them. (Every other test compiles with {@code -Xlint:processing} on as well.)
 */
class ClaimTest {
    private static final JavaFileObject COUNTER = source("Counter", """
            @GenServer
            public class Counter {
                public record Get() {}
                Integer init() { return 0; }
                Reply<Integer, Integer> handleCall(Get get, Integer n) { return Reply.of(n, n); }
            }
            """);

    /** Records, per round, the annotations javac handed it and the {@code @GenServer} classes it could find. */
    static final class Recorder extends AbstractProcessor {
        private final String supported;
        final List<String> handed = new ArrayList<>();
        final List<String> found = new ArrayList<>();

        Recorder(String supported) {
            this.supported = supported;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of(supported);
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            annotations.forEach(a -> handed.add(a.getQualifiedName().toString()));
            TypeElement genServer = processingEnv.getElementUtils().getTypeElement("dev.peeper.annotations.GenServer");
            for (Element e : round.getElementsAnnotatedWith(genServer)) {
                found.add(e.getSimpleName().toString());
            }
            return false;
        }
    }

    @Test
    void allLintWarningsAsErrorsPassWithoutTurningOffProcessing() {
        Compilation compilation = javac().withProcessors(new GenServerProcessor())
                .withOptions("--release", "21", "-Xlint:all", "-Werror")
                .compile(COUNTER);
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void anotherToolsGeneratedCodeIsNotClaimed() {
        JavaFileObject foreign = JavaFileObjects.forSourceString("test.Foreign", """
                package test;

                @javax.annotation.processing.Generated("some.other.Tool")
                public class Foreign {}
                """);
        Compilation compilation = javac().withProcessors(new GenServerProcessor())
                .withOptions("--release", "21", "-Xlint:all")
                .compile(COUNTER, foreign);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("No processor claimed any of these annotations");
    }

    @Test
    void aProcessorOfGenServerThatRunsFirstIsHandedItAsBefore() {
        Recorder before = new Recorder("dev.peeper.annotations.GenServer");
        Compilation compilation = Compilations.compile(List.of(before), COUNTER);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(before.handed).containsExactly("dev.peeper.annotations.GenServer");
        assertThat(before.found).containsExactly("Counter");
    }

    @Test
    void aUniversalProcessorAfterItStillFindsTheServerWhenAnythingElseIsAnnotated() {
        JavaFileObject counter = source("Counter", """
                @GenServer
                public class Counter {
                    public record Get() {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Get get, Integer n) { return Reply.of(n, n); }
                    @Override public String toString() { return "counter"; }
                }
                """);
        Recorder after = new Recorder("*");
        Compilation compilation = javac().withProcessors(new GenServerProcessor(), after)
                .withOptions("--release", "21", "-Xlint:all", "-Werror")
                .compile(counter);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(after.found).containsExactly("Counter");
        assertThat(after.handed).doesNotContain("dev.peeper.annotations.GenServer").contains("java.lang.Override");
    }

    /**
     * The documented cost of claiming: javac runs a universal processor only while an annotation is unclaimed, so
     * one after this processor skips a round whose only annotation is {@code @GenServer} and first runs in the
     * next round, on the generated sources.
     */
    @Test
    void aUniversalProcessorAfterItSkipsARoundWithOnlyPeeperAnnotations() {
        Recorder after = new Recorder("*");
        Compilation compilation = javac().withProcessors(new GenServerProcessor(), after)
                .withOptions("--release", "21", "-Xlint:all", "-Werror")
                .compile(COUNTER);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(after.found).isEmpty();
        assertThat(after.handed).contains("java.lang.Override");
    }
}
