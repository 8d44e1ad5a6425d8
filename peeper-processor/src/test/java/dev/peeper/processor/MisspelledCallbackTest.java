package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/**
 * Callbacks are found by name, so a misspelled one would compile and never run: each gets
 * {@code [GenServerMisspelledCallback]} on the method, with the callback it most likely meant.
 */
class MisspelledCallbackTest {
    private static String server(String method) {
        return """
                @GenServer
                public class Counter {
                    public record Add(int by) {}
                    Integer init() { return 0; }
                """ + "    " + method + "\n}\n";
    }

    @Test
    void pluralName() {
        expectError("Counter", server("Next<Integer> handleCasts(Add add, Integer n) { return Next.of(n + add.by()); }"),
                "[GenServerMisspelledCallback] @GenServer class Counter: method handleCasts looks like a callback "
                        + "(its name is close to handleCast), but callbacks are found by exact name, so nothing would "
                        + "ever call it. Did you mean handleCast? Rename it to handleCast", "handleCasts(");
    }

    @Test
    void underscoreName() {
        expectError("Counter", server("Reply<Integer, Integer> handle_call(Add add, Integer n) "
                        + "{ return Reply.of(n, n); }"),
                "[GenServerMisspelledCallback] @GenServer class Counter: method handle_call looks like a callback "
                        + "(its name is close to handleCall)", "handle_call(");
    }

    @Test
    void lowerCaseName() {
        expectError("Counter", server("Reply<Integer, Integer> handlecall(Add add, Integer n) "
                        + "{ return Reply.of(n, n); }"),
                "Did you mean handleCall?", "handlecall(");
    }

    @Test
    void numberedInit() {
        expectError("Counter", server("Integer init2(Integer start) { return start; }"),
                "[GenServerMisspelledCallback] @GenServer class Counter: method init2 looks like a callback (its "
                        + "name is close to init)", "init2(");
    }

    @Test
    void nearMissWithTheCallbacksParameters() {
        expectError("Counter", server("void termnate(ExitReason reason, Integer n) { }"),
                "Did you mean terminate?", "termnate(");
    }

    @Test
    void resultTypeWithAnotherName() {
        expectError("Counter", server("Next<Integer> onAdd(Add add, Integer n) { return Next.of(n + add.by()); }"),
                "[GenServerMisspelledCallback] @GenServer class Counter: method onAdd looks like a callback (it "
                        + "returns Next, as callbacks do), but callbacks are found by exact name, so nothing would "
                        + "ever call it. Did you mean handleCast? Rename it to handleCast; if it is a helper, make "
                        + "it private", "onAdd(");
    }

    @Test
    void replyTypeSuggestsHandleCall() {
        expectError("Counter", server("Reply<Integer, Integer> answer(Add add, Integer n) { return Reply.of(n, n); }"),
                "Did you mean handleCall? Rename it to handleCall", "answer(");
    }

    @Test
    void helpersThatAreNotCallbacksCompile() {
        assertThat(Compilations.compile(Compilations.source("Counter", server("""
                Next<Integer> handleCast(Add add, Integer n) { return bump(n, add.by()); }
                    private Next<Integer> bump(Integer n, int by) { return Next.of(n + by); }
                    static Next<Integer> keep(Integer n) { return Next.of(n); }
                    int unit() { return 1; }
                    boolean restart() { return false; }
                    boolean terminated() { return false; }
                """)))).succeededWithoutWarnings();
    }
}
