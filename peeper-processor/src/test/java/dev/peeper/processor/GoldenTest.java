package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The generated client and dispatcher of one representative server, compared character for character with
 * files under {@code src/test/resources/golden} (read from the module directory, where surefire runs). After an
 * intended change, regenerate them with
 * {@code mvn -pl peeper-processor -am verify -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpeeper.golden.update=true} and review the diff.
 */
class GoldenTest {
    private static final Path GOLDEN_SOURCES = Path.of("src/test/resources/golden");

    static final JavaFileObject COUNTER = Compilations.source("Counter", """
            /** The counter of the design sketch, with one of each kind of callback. */
            @GenServer(callTimeout = "2s")
            public class Counter {
                public record Get() {}
                public record Add(int by) {}
                public record Reset(int to) {}
                public record Tick() {}

                Integer init(Integer start) { return start; }

                Reply<Integer, Integer> handleCall(Get get, Integer state) { return Reply.of(state, state); }
                Next<Integer> handleCall(Reset reset, From<Void> from, Integer state) {
                    from.reply(null);
                    return Next.of(reset.to());
                }
                Next<Integer> handleCast(Add add, Integer state) { return Next.of(state + add.by()); }
                Next<Integer> handleInfo(Tick tick, Integer state) { return Next.of(state + 1); }
                Next<Integer> handleInfo(Object other, Integer state) { return Next.of(state); }
                void terminate(ExitReason reason, Integer state) { }
                Integer restore(Integer kept, ExitReason lastExit) { return kept; }
            }
            """);

    @Test
    void client() {
        assertGolden("CounterClient");
    }

    @Test
    void dispatcher() {
        assertGolden("Counter_Dispatcher");
    }

    private static void assertGolden(String generatedClass) {
        Compilation compilation = Compilations.compile(COUNTER);
        assertThat(compilation).succeededWithoutWarnings();
        String actual = contents(compilation, generatedClass);
        String goldenFile = generatedClass + ".java.golden";
        if (Boolean.getBoolean("peeper.golden.update")) {
            write(GOLDEN_SOURCES.resolve(goldenFile), actual);
        }
        assertThat(actual).isEqualTo(read(GOLDEN_SOURCES.resolve(goldenFile)));
    }

    static String contents(Compilation compilation, String generatedClass) {
        return contents(compilation, "test", generatedClass);
    }

    static String contents(Compilation compilation, String packageName, String generatedClass) {
        JavaFileObject file = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, packageName,
                generatedClass + ".java").orElseThrow();
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        if (!Files.exists(file)) {
            throw new AssertionError(file + " is missing; create it with -Dpeeper.golden.update=true");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
