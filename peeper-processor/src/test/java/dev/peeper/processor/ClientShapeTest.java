package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** What the generated client offers for the less common handler shapes (compiled without warnings). */
class ClientShapeTest {
    @Test
    void shapesOfClientMethods() {
        Compilation compilation = Compilations.compile(Compilations.source("Registry", """
                @GenServer
                class Registry {
                    Map<String, String> init(List<String> seed) { return Map.of(); }
                    Reply<String, Map<String, String>> handleCall(String key, Map<String, String> entries) {
                        return Reply.of(entries.get(key), entries);
                    }
                    Reply<Object, Map<String, String>> handleCall(Object other, Map<String, String> entries) {
                        return Reply.of(other, entries);
                    }
                    Next<Map<String, String>> handleInfo(IdleTimeout idle, Map<String, String> entries) {
                        return Next.of(Map.of());
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        String client = GoldenTest.contents(compilation, "RegistryClient");
        String dispatcher = GoldenTest.contents(compilation, "Registry_Dispatcher");

        assertThat(client).as("package-private like the server").contains("\nfinal class RegistryClient {")
                .contains("public static RegistryClient start(List<String> seed)")
                .as("a message that is not a record is passed whole, named as in the handler")
                .contains("public String string(String key)")
                .contains("public CompletableFuture<String> stringAsync(String key)")
                .as("the catch-all and runtime-only info messages get no method")
                .doesNotContain("public Object object(").doesNotContain("sendIdleTimeout");
        assertThat(dispatcher).contains("\nfinal class Registry_Dispatcher implements Dispatcher<Map<String, String>>")
                .as("the start argument's cast is unchecked, and says so")
                .contains("@SuppressWarnings(\"unchecked\")\n"
                        + "    public Result<Map<String, String>> init(Object argument)")
                .contains("case String string -> this.server.handleCall(string, state);")
                .contains("default -> this.server.handleCall(request, state);");
    }

    @Test
    void initWithoutArgument() {
        Compilation compilation = Compilations.compile(Compilations.source("Clock", """
                @GenServer
                public class Clock {
                    Long init() { return 0L; }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenTest.contents(compilation, "ClockClient"))
                .contains("public static ClockClient start() {")
                .contains("public static ClockClient start(StartOptions options) {")
                .contains("GenServers.start(new Clock_Dispatcher(), null, options)");
        assertThat(GoldenTest.contents(compilation, "Clock_Dispatcher"))
                .contains("return Next.of(this.server.init());")
                .contains("\"Clock has no handleCall for \" + request.getClass().getName()");
    }
}
