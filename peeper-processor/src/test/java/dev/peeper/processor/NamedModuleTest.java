package dev.peeper.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.annotations.GenServer;
import dev.peeper.server.GenServers;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * A server in a named module, compiled against the runtime on the module path as a modular application is.
 * {@code @Generated} lives in {@code java.compiler}: the generated code carries it only where the server's module
 * reads that module, even when the compilation's module graph holds it, or the generated code would not compile.
 * (compile-testing has no module path, so this drives {@code javax.tools} itself.)
 */
class NamedModuleTest {
    private static final String COUNTER = """
            package shop;

            import dev.peeper.annotations.GenServer;
            import dev.peeper.server.Next;
            import dev.peeper.server.Reply;

            @GenServer
            public class Counter {
                public record Get() {}
                public record Add(int by) {}

                Integer init(Integer start) { return start; }
                Reply<Integer, Integer> handleCall(Get get, Integer state) { return Reply.of(state, state); }
                Next<Integer> handleCast(Add add, Integer state) { return Next.of(state + add.by()); }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aModuleThatDoesNotReadJavaCompilerGetsNoGenerated() throws Exception {
        // java.compiler is in the module graph (as when another module requires it), but shop does not read it
        String generated = compile("""
                module shop {
                    requires dev.peeper.runtime;
                    requires static dev.peeper.annotations;
                }
                """, "--add-modules", "java.compiler");
        assertThat(generated).doesNotContain("@Generated").contains("class CounterClient");
    }

    @Test
    void aModuleThatReadsJavaCompilerGetsGenerated() throws Exception {
        String generated = compile("""
                module shop {
                    requires dev.peeper.runtime;
                    requires static dev.peeper.annotations;
                    requires static java.compiler;
                }
                """);
        assertThat(generated).contains("@Generated(", GenServerProcessor.class.getName(), "from shop.Counter");
    }

    /** Compiles module {@code shop} with the processor; fails with javac's output unless it compiles, and returns the client. */
    private String compile(String moduleInfo, String... options) throws IOException, URISyntaxException {
        Path sources = dir.resolve("src");
        Files.createDirectories(sources.resolve("shop"));
        Files.writeString(sources.resolve("module-info.java"), moduleInfo);
        Files.writeString(sources.resolve("shop/Counter.java"), COUNTER);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path generated = Files.createDirectories(dir.resolve("generated"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.MODULE_PATH,
                    List.of(home(GenServers.class), home(GenServer.class), home(Logger.class)));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
            List<String> arguments = new ArrayList<>(List.of("--release", "21", "-Xlint:all"));
            arguments.addAll(List.of(options));
            JavaCompiler.CompilationTask task = javac.getTask(out, files, null, arguments, null,
                    files.getJavaFileObjects(sources.resolve("module-info.java"), sources.resolve("shop/Counter.java")));
            task.setProcessors(List.of(new GenServerProcessor()));
            assertThat(task.call()).as("javac said:%n%s", out).isTrue();
        }
        return Files.readString(generated.resolve("shop/CounterClient.java"));
    }

    /** The class directory or jar {@code type} was loaded from: the module it belongs to, for the module path. */
    private static Path home(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
