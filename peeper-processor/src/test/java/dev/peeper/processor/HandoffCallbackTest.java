package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Compilations.source;
import static dev.peeper.processor.Negative.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The handoff callback, {@code Handoff<S> handoff(S state)}: the cluster asks it whether a server moves when its
 * name's owner changes. A right one is called by the generated dispatcher; a wrong or misspelled one is an error.
 */
class HandoffCallbackTest {
    private static String counter(String handoff) {
        return """
                @GenServer
                public class Counter {
                    public record Add(int by) {}
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Add add, Integer n) { return Next.of(n + add.by()); }
                """ + "    " + handoff + "\n}\n";
    }

    @Test
    void theDispatcherCallsTheServersHandoff() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Counter", counter("""
                Handoff<Integer> handoff(Integer n) {
                        return n == 0 ? Handoff.restart() : n < 0 ? Handoff.stay() : Handoff.resume(n * 10);
                    }""")), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        Counter_Dispatcher dispatcher = new Counter_Dispatcher();
                        return List.of(dispatcher.handoff(4), dispatcher.handoff(0), dispatcher.handoff(-1));
                    }
                }
                """));
        assertThat(result).containsExactly(new dev.peeper.server.Handoff.Resume<>(40),
                dev.peeper.server.Handoff.restart(), dev.peeper.server.Handoff.stay());
    }

    @Test
    void withoutHandoffTheDispatcherMovesTheCurrentState() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Counter", counter("")),
                source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        return List.of(new Counter_Dispatcher().handoff(7));
                    }
                }
                """));
        assertThat(result).containsExactly(new dev.peeper.server.Handoff.Resume<>(7));
    }

    @Test
    void aRightHandoffCompilesWithoutWarnings() {
        Compilation compilation = Compilations.compile(source("Counter",
                counter("Handoff<Integer> handoff(Integer n) throws Exception { return Handoff.resume(n); }")));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void handoffReturningTheStateItself() {
        expectError("Counter", counter("Integer handoff(Integer n) { return n; }"),
                "[GenServerHandoff] handoff answers, when the cluster moves a @GenServer's name to another member, "
                        + "whether it moves and with what state, and must be `Handoff<Integer> handoff(Integer "
                        + "state)`, returning Handoff.resume(state), Handoff.restart() or Handoff.stay(); "
                        + "handoff(Integer) is not", "Integer handoff(");
    }

    @Test
    void handoffOfAnotherStateType() {
        expectError("Counter", counter("Handoff<String> handoff(String s) { return Handoff.stay(); }"),
                "[GenServerHandoff]", "Handoff<String> handoff(");
    }

    @Test
    void rawHandoff() {
        expectError("Counter", counter("@SuppressWarnings(\"rawtypes\") Handoff handoff(Integer n) "
                + "{ return Handoff.stay(); }"), "[GenServerHandoff]", "Handoff handoff(");
    }

    @Test
    void privateHandoff() {
        expectError("Counter", counter("private Handoff<Integer> handoff(Integer n) { return Handoff.stay(); }"),
                "[GenServerCallbackModifiers] @GenServer callback handoff(Integer) is private", "handoff(");
    }

    @Test
    void handoffWithTheWrongParameterCount() {
        expectError("Counter", counter("Handoff<Integer> handoff() { return Handoff.stay(); }"),
                "handoff", "handoff(");
    }

    @Test
    void camelCaseHandOff() {
        expectError("Counter", counter("Handoff<Integer> handOff(Integer n) { return Handoff.stay(); }"),
                "[GenServerMisspelledCallback] @GenServer class Counter: method handOff looks like a callback (its "
                        + "name is close to handoff)", "handOff(");
    }

    @Test
    void nearMissHandof() {
        expectError("Counter", counter("Handoff<Integer> handof(Integer n) { return Handoff.stay(); }"),
                "Did you mean handoff?", "handof(");
    }
}
