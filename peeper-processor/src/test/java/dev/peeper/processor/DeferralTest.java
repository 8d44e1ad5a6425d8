package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A server whose message type another processor generates is deferred to the next round, not refused. */
class DeferralTest {
    /** Generates {@code test.gen.Ping}, as some other annotation processor of the user's might. */
    static final class PingGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer out = processingEnv.getFiler().createSourceFile("test.gen.Ping").openWriter()) {
                    out.write("package test.gen;\n\npublic record Ping(int times) {}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    private static final JavaFileObject PONG = source("Pong", """
            import test.gen.Ping;

            @GenServer
            public class Pong {
                public record Count() {}
                Integer init() { return 0; }
                Next<Integer> handleCast(Ping ping, Integer pings) { return Next.of(pings + ping.times()); }
                Reply<Integer, Integer> handleCall(Count count, Integer pings) { return Reply.of(pings, pings); }
            }
            """);

    @Test
    void messageTypeGeneratedByAnotherProcessor() throws Exception {
        Compilation compilation = Compilations.compile(List.of(new PingGenerator()), PONG, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() {
                        PongClient pong = PongClient.start();
                        pong.ping(2);
                        pong.ping(3);
                        int count = pong.count();
                        pong.stop();
                        return List.of(count);
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(CompiledClasses.run(compilation, "test.Scenario")).containsExactly(5);
    }

    @Test
    void typeThatNeverAppears() {
        JavaFileObject file = source("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Nope nope, Integer state) { return Next.of(state); }
                }
                """);
        Compilation compilation = Compilations.compile(file);
        assertThat(compilation).hadErrorContaining("[GenServerMissingType] @GenServer class Counter was not processed "
                + "because Nope could not be found. If another annotation processor generates it, make sure that "
                + "processor runs in this compilation").inFile(file).onLineContaining("public class Counter");
    }
}
