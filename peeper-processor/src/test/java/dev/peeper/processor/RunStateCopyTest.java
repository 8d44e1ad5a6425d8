package dev.peeper.processor;

import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @GenServer(stateCopy = COPY_METHOD)}: the generated start methods give the keeper the server's
 * {@code copyState}, so a callback that changes a mutable state in place and then throws leaves nothing
 * half-applied behind; the same server sharing its state (the default) resumes from the half-applied object.
 */
class RunStateCopyTest {
    private static String basket(String annotation, String name, String copyState) {
        return annotation + "\npublic class " + name + """
                 {
                    public record Put(String item) {}
                    public record PutThenFail(String item) {}
                    public record Items() {}
                    static final List<String> COPIED_BY = new java.util.concurrent.CopyOnWriteArrayList<>();
                    ArrayList<String> init() { return new ArrayList<>(); }
                    Next<ArrayList<String>> handleCast(Put put, ArrayList<String> items) {
                        items.add(put.item());
                        return Next.of(items);
                    }
                    Reply<Void, ArrayList<String>> handleCall(PutThenFail put, ArrayList<String> items) {
                        items.add(put.item());
                        throw new IllegalStateException("failed half-way");
                    }
                    Reply<List<String>, ArrayList<String>> handleCall(Items i, ArrayList<String> items) {
                        return Reply.of(List.copyOf(items), items);
                    }
                """ + copyState + "}\n";
    }

    static final JavaFileObject COPIED = source("Copied", basket("@GenServer(stateCopy = StateCopyMode.COPY_METHOD)",
            "Copied", """
                    ArrayList<String> copyState(ArrayList<String> items) {
                        COPIED_BY.add("copyState");
                        return new ArrayList<>(items);
                    }
                """));
    static final JavaFileObject SHARED = source("Shared", basket(
            "@GenServer\n@SuppressWarnings(\"GenServerMutableState\")", "Shared", ""));

    @Test
    void aCopiedStateLosesTheHalfAppliedChangeASharedOneKeepsIt() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COPIED, SHARED, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        CopiedClient copied = CopiedClient.start();
                        SharedClient shared = SharedClient.start();
                        copied.put("a");
                        shared.put("a");
                        fail(() -> copied.putThenFail("b"));
                        fail(() -> shared.putThenFail("b"));
                        List<Object> seen = List.of(copied.items(), shared.items(), copied.statistics().restarts(),
                                !Copied.COPIED_BY.isEmpty());
                        copied.stop();
                        shared.stop();
                        return seen;
                    }

                    private static void fail(Runnable call) {
                        try {
                            call.run();
                            throw new AssertionError("no crash");
                        } catch (ServerExitException expected) {
                            // the worker crashed; the server restarts it
                        }
                    }
                }
                """));
        assertThat(result).containsExactly(List.of("a"), List.of("a", "b"), 1L, true);
    }

    @Test
    void optionsThatNameACopyStrategyKeepIt() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COPIED, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        List<String> mine = new CopyOnWriteArrayList<>();
                        CopiedClient copied = CopiedClient.start(PeeperOptions.defaults().withStateCopy(
                                dev.peeper.keeper.StateCopy.<ArrayList<String>>of(items -> {
                                    mine.add("mine");
                                    return new ArrayList<>(items);
                                })));
                        copied.put("a");
                        List<String> items = copied.items();
                        copied.stop();
                        return List.of(items, !mine.isEmpty(), Copied.COPIED_BY.isEmpty());
                    }
                }
                """));
        assertThat(result).containsExactly(List.of("a"), true, true);
    }
}
