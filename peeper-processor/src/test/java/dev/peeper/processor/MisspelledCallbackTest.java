package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"resolveConflicts", "resolve_conflict", "resolveconflict", "ResolveConflict",
            "resolveConflict2"})
    void resolveConflictWrittenDifferently(String name) {
        expectError("Counter", server("Integer " + name + "(Integer mine, Integer theirs) { return mine; }"),
                "[GenServerMisspelledCallback] @GenServer class Counter: method " + name + " looks like a callback "
                        + "(its name is close to resolveConflict), but callbacks are found by exact name, so nothing "
                        + "would ever call it. Did you mean resolveConflict?", name + "(");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resolveConflit", "resolveConfilct", "resovleConflict", "resolvConflct"})
    void nearMissOfResolveConflict(String name) {
        expectError("Counter", server("Integer " + name + "(Integer mine, Integer theirs) { return mine; }"),
                "Did you mean resolveConflict?", name + "(");
    }

    @Test
    void conflictMethodWithResolveConflictsSignature() {
        expectError("Counter", server("Integer onConflict(Integer mine, Integer theirs) { return mine + theirs; }"),
                "[GenServerMisspelledCallback] @GenServer class Counter: method onConflict looks like a callback (its "
                        + "name is about a conflict, and it takes two states and returns one, as resolveConflict "
                        + "does), but callbacks are found by exact name, so nothing would ever call it. Did you mean "
                        + "resolveConflict? Rename it to resolveConflict; if it is a helper, make it private",
                "onConflict(");
    }

    @Test
    void conflictHelpersThatAreNotResolveConflictCompile() {
        assertThat(Compilations.compile(Compilations.source("Counter", server("""
                private Integer onConflict(Integer mine, Integer theirs) { return mine + theirs; }
                    Integer mergeConflict(Integer mine, String theirs) { return mine; }
                    boolean conflicts(Integer mine, Integer theirs) { return !mine.equals(theirs); }
                    Integer merge(Integer mine, Integer theirs) { return onConflict(mine, theirs); }
                """)))).succeededWithoutWarnings();
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
