package dev.peeper.processor;

import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles the counter from the design sketch, then drives it through the generated client: start, cast, the
 * three call forms, lookup by name, an unknown request, stop.
 */
class RunCounterTest {
    static final JavaFileObject COUNTER = source("Counter", """
            @GenServer
            public class Counter {
                public record Get() {}
                public record Add(int by) {}
                static final List<String> TERMINATED = new java.util.concurrent.CopyOnWriteArrayList<>();

                Integer init(Integer start) { return start; }
                Reply<Integer, Integer> handleCall(Get get, Integer state) { return Reply.of(state, state); }
                Next<Integer> handleCast(Add add, Integer state) { return Next.of(state + add.by()); }
                Next<Integer> handleInfo(Object other, Integer state) { return Next.of(state); }
                void terminate(ExitReason reason, Integer state) { TERMINATED.add(reason + " at " + state); }
            }
            """);

    @Test
    void callsAndCasts() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COUNTER, source("Scenario", """
                import java.time.Duration;
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        CounterClient counter = CounterClient.start(10);
                        counter.add(5);
                        int now = counter.get();
                        int timed = counter.get(Duration.ofSeconds(1));
                        CompletableFuture<Integer> later = counter.getAsync();
                        counter.add(1);
                        int async = later.get(5, TimeUnit.SECONDS);
                        int last = counter.get();
                        counter.stop();
                        return List.of(now, timed, async, last, counter.ref().isAlive(), Counter.TERMINATED);
                    }
                }
                """));
        assertThat(result).containsExactly(15, 15, 15, 16, false, List.of("normal at 16"));
    }

    @Test
    void lookupByNameAndUnknownRequests() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COUNTER, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() {
                        CounterClient started = CounterClient.start(1, PeeperOptions.named("counter-1"));
                        CounterClient found = CounterClient.named("counter-1");
                        found.add(2);
                        String failure;
                        try {
                            found.ref().call("what is this?");
                            failure = "no failure";
                        } catch (CallFailedException e) {
                            failure = e.getCause().getMessage();
                        }
                        found.ref().cast("nor this");
                        int value = started.get();
                        boolean same = found.equals(CounterClient.named("counter-1"));
                        started.stop();
                        return List.of(value, failure, same, found.toString());
                    }
                }
                """));
        assertThat(result).containsExactly(3, "Counter has no handleCall for java.lang.String", true,
                "CounterClient[counter-1]");
    }

    @Test
    void startFailsWhenInitRefuses() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Picky", """
                @GenServer
                public class Picky {
                    public record Get() {}
                    Result<Integer> init(int start) {
                        return start < 0 ? Stop.of(ExitReason.of("negative start"), null) : Next.of(start);
                    }
                    Reply<Integer, Integer> handleCall(Get get, Integer state) { return Reply.of(state, state); }
                }
                """), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() {
                        PickyClient fine = PickyClient.start(4);
                        int value = fine.get();
                        fine.stop();
                        try {
                            PickyClient.start(-1);
                            return List.of(value, "started");
                        } catch (StartException e) {
                            return List.of(value, e.reason().toString());
                        }
                    }
                }
                """));
        assertThat(result).containsExactly(4, "negative start");
    }
}
