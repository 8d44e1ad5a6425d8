package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error of a class is reported at once, and only that class is skipped. */
class ErrorIsolationTest {
    private static final JavaFileObject BAD = source("Bad", """
            @GenServer(callTimeout = "-1s")
            public class Bad {
                public record Get() {}
                Integer init() { return 0; }
                private Next<Integer> handleCast(String s, Integer state) { return Next.of(state); }
                Reply<Integer, Integer> handleInfo(Get get, Integer state) { return Reply.of(0, state); }
            }
            """);
    private static final JavaFileObject GOOD = source("Good", """
            @GenServer
            public class Good {
                Integer init() { return 0; }
            }
            """);

    @Test
    void everyErrorOfTheClassIsReported() {
        Compilation compilation = Compilations.compile(BAD, GOOD);
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("[GenServerCallTimeout]").inFile(BAD)
                .onLineContaining("callTimeout = \"-1s\"");
        assertThat(compilation).hadErrorContaining("[GenServerCallbackModifiers]").inFile(BAD)
                .onLineContaining("private Next<Integer>");
        assertThat(compilation).hadErrorContaining("[GenServerInfoReturn]").inFile(BAD)
                .onLineContaining("handleInfo(Get get");
        assertThat(Negative.count(compilation, Diagnostic.Kind.ERROR, "Good")).isZero();
    }

    /** compile-testing hides generated files of a failed compilation, so this runs javac itself, to a directory. */
    @Test
    void onlyThatClassIsSkipped(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostic -> { }, List.of("-proc:only",
                "-s", out.toString(), "-classpath", System.getProperty("java.class.path")), null, List.of(BAD, GOOD));
        task.setProcessors(List.of(new GenServerProcessor()));
        assertThat(task.call()).isFalse();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrder("test/GoodClient.java", "test/Good_Dispatcher.java");
        }
    }
}
