package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Compilations.source;
import static dev.peeper.processor.Negative.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resolveConflict callback, {@code S resolveConflict(S mine, S theirs)}: after a split cluster with no majority
 * heals, it merges the states of the two incarnations of a name. A right one is called by the generated dispatcher
 * (without one the dispatcher keeps the runtime's default, which keeps {@code mine}); a wrong one is an error on
 * the method that says what is wrong. Misspellings are in {@link MisspelledCallbackTest}.
 */
class ResolveConflictCallbackTest {
    private static String counter(String resolveConflict) {
        return """
                @GenServer
                public class Counter {
                    public record Add(int by) {}
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Add add, Integer n) { return Next.of(n + add.by()); }
                """ + "    " + resolveConflict + "\n}\n";
    }

    /** What the generated dispatcher declares named resolveConflict, and what it answers for (3, 4). */
    private static final String SCENARIO = """
            import java.util.concurrent.*;

            public class Scenario implements Callable<List<Object>> {
                public List<Object> call() throws Exception {
                    long declared = Arrays.stream(Counter_Dispatcher.class.getDeclaredMethods())
                            .filter(m -> m.getName().equals("resolveConflict") && !m.isBridge())
                            .count();
                    return List.of(declared, new Counter_Dispatcher().resolveConflict(3, 4));
                }
            }
            """;

    @Test
    void theDispatcherCallsTheServersResolveConflict() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Counter",
                counter("Integer resolveConflict(Integer mine, Integer theirs) { return mine * 10 + theirs; }")),
                source("Scenario", SCENARIO));
        assertThat(result).containsExactly(1L, 34);
    }

    @Test
    void withoutResolveConflictTheDispatcherHasNoOverrideAndKeepsMine() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Counter", counter("")),
                source("Scenario", SCENARIO));
        assertThat(result).containsExactly(0L, 3);
    }

    @Test
    void whatResolveConflictThrowsReachesTheCaller() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Counter", counter("""
                Integer resolveConflict(Integer mine, Integer theirs) throws java.io.IOException {
                        throw new java.io.IOException("cannot merge " + mine + " and " + theirs);
                    }""")), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() {
                        try {
                            return List.of(new Counter_Dispatcher().resolveConflict(3, 4));
                        } catch (Exception e) {
                            return List.of(e.getMessage());
                        }
                    }
                }
                """));
        assertThat(result).containsExactly("cannot merge 3 and 4");
    }

    @Test
    void aRightResolveConflictOfAParameterizedStateCompilesWithoutWarnings() {
        Compilation compilation = Compilations.compile(source("Names", """
                @GenServer
                public class Names {
                    List<String> init() { return List.of(); }
                    public List<String> resolveConflict(List<String> mine, List<String> theirs) throws Exception {
                        List<String> both = new ArrayList<>(mine);
                        theirs.stream().filter(name -> !mine.contains(name)).forEach(both::add);
                        return List.copyOf(both);
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void resolveConflictWithOneParameter() {
        expectError("Counter", counter("Integer resolveConflict(Integer theirs) { return theirs; }"),
                "[GenServerResolveConflict] resolveConflict merges the states of two incarnations of a @GenServer's "
                        + "name after a split cluster with no majority heals, and must be `Integer "
                        + "resolveConflict(Integer mine, Integer theirs)`, returning the merged state; "
                        + "resolveConflict(Integer) is not: it takes 1 parameter, not 2. Fix the signature, or "
                        + "rename the method if it is not meant as the callback", "Integer resolveConflict(");
    }

    @Test
    void resolveConflictWithThreeParameters() {
        expectError("Counter", counter("Integer resolveConflict(Integer mine, Integer theirs, Integer base) "
                        + "{ return mine; }"),
                "resolveConflict(Integer, Integer, Integer) is not: it takes 3 parameters, not 2",
                "Integer resolveConflict(");
    }

    @Test
    void resolveConflictTakingAnotherType() {
        expectError("Counter", counter("Integer resolveConflict(Integer mine, String theirs) { return mine; }"),
                "[GenServerResolveConflict] resolveConflict merges the states of two incarnations of a @GenServer's "
                        + "name after a split cluster with no majority heals, and must be `Integer "
                        + "resolveConflict(Integer mine, Integer theirs)`, returning the merged state; "
                        + "resolveConflict(Integer, String) is not: its second parameter is String, not Integer",
                "Integer resolveConflict(");
    }

    @Test
    void resolveConflictTakingObjects() {
        expectError("Counter", counter("Integer resolveConflict(Object mine, Object theirs) { return 0; }"),
                "resolveConflict(Object, Object) is not: its first parameter is Object, not Integer; its second "
                        + "parameter is Object, not Integer", "Integer resolveConflict(");
    }

    @Test
    void resolveConflictReturningNothing() {
        expectError("Counter", counter("void resolveConflict(Integer mine, Integer theirs) { }"),
                "[GenServerResolveConflict] resolveConflict merges the states of two incarnations of a @GenServer's "
                        + "name after a split cluster with no majority heals, and must be `Integer "
                        + "resolveConflict(Integer mine, Integer theirs)`, returning the merged state; "
                        + "resolveConflict(Integer, Integer) is not: it returns void, not Integer",
                "void resolveConflict(");
    }

    @Test
    void resolveConflictReturningAnotherType() {
        expectError("Counter", counter("Long resolveConflict(Integer mine, Integer theirs) { return 0L; }"),
                "resolveConflict(Integer, Integer) is not: it returns Long, not Integer", "Long resolveConflict(");
    }

    @Test
    void staticResolveConflict() {
        expectError("Counter", counter("static Integer resolveConflict(Integer mine, Integer theirs) "
                        + "{ return mine; }"),
                "[GenServerCallbackModifiers] @GenServer callback resolveConflict(Integer, Integer) is static, but "
                        + "callbacks must be non-private instance methods without type parameters so that the "
                        + "generated dispatcher can call them. Remove `static`", "static Integer resolveConflict(");
    }

    @Test
    void genericResolveConflict() {
        expectError("Counter", counter("<T> Integer resolveConflict(Integer mine, Integer theirs) { return mine; }"),
                "[GenServerCallbackModifiers] @GenServer callback resolveConflict(Integer, Integer) is generic",
                "<T> Integer resolveConflict(");
    }

    @Test
    void privateResolveConflict() {
        expectError("Counter", counter("private Integer resolveConflict(Integer mine, Integer theirs) "
                        + "{ return mine; }"),
                "[GenServerCallbackModifiers] @GenServer callback resolveConflict(Integer, Integer) is private",
                "private Integer resolveConflict(");
    }

    @Test
    void resolveConflictThrowingAThrowable() {
        expectError("Counter", counter("Integer resolveConflict(Integer mine, Integer theirs) throws Throwable "
                        + "{ return mine; }"),
                "[GenServerThrows] @GenServer callback resolveConflict(Integer, Integer) declares `throws "
                        + "Throwable`", "Integer resolveConflict(");
    }
}
