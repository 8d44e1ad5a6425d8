package dev.peeper.processor;

import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * An upgrade that changes the state type (issue 9, item 15), built from annotated classes: version 2 of a counter
 * keeps a {@code Tally} record where version 1 kept an {@code Integer} (and another server a {@code List<Integer>}),
 * and migrates each through a {@code codeChange} overload taking the old type. The generated dispatcher's
 * {@code codeChangeFrom} sends each old state to its overload; a state already of the new type goes to the
 * same-type {@code codeChange}.
 */
class RunStateMigrationTest {
    static final JavaFileObject COUNTER_V1 = source("Counter", """
            @GenServer
            public class Counter {
                public record Get() {}
                public record Add(int by) {}
                Integer init(Integer start) { return start; }
                Reply<Integer, Integer> handleCall(Get get, Integer n) { return Reply.of(n, n); }
                Next<Integer> handleCast(Add add, Integer n) { return Next.of(n + add.by()); }
            }
            """);

    static final JavaFileObject LOG_V1 = source("Log", """
            @GenServer
            public class Log {
                public record Append(int entry) {}
                List<Integer> init() { return List.of(); }
                Reply<Integer, List<Integer>> handleCall(Append append, List<Integer> entries) {
                    List<Integer> more = new ArrayList<>(entries);
                    more.add(append.entry());
                    return Reply.of(more.size(), List.copyOf(more));
                }
            }
            """);

    static final JavaFileObject COUNTER_V2 = source("CounterV2", """
            @GenServer
            public class CounterV2 {
                public record Tally(int total, int adds, String from) {}
                public record Get() {}
                public record Add(int by) {}
                Tally init(Integer start) { return new Tally(start, 0, "init"); }
                Reply<Tally, Tally> handleCall(Get get, Tally t) { return Reply.of(t, t); }
                Next<Tally> handleCast(Add add, Tally t) {
                    return Next.of(new Tally(t.total() + add.by(), t.adds() + 1, t.from()));
                }
                Tally codeChange(Object oldVersion, Integer count, Object extra) {
                    return new Tally(count, 0, oldVersion + " count");
                }
                Tally codeChange(Object oldVersion, List<Integer> entries, Object extra) {
                    return new Tally(entries.stream().mapToInt(Integer::intValue).sum(), entries.size(),
                            oldVersion + " log");
                }
                Tally codeChange(Object oldVersion, Tally t, Object extra) {
                    return new Tally(t.total() + (Integer) extra, t.adds(), t.from() + ", " + oldVersion);
                }
            }
            """);

    static final JavaFileObject COUNTER_V3 = source("CounterV3", """
            @GenServer
            public class CounterV3 {
                public record Get() {}
                Long init() { return 0L; }
                Reply<Long, Long> handleCall(Get get, Long n) { return Reply.of(n, n); }
                Long codeChange(Object oldVersion, Integer count, Object extra) { return count.longValue(); }
            }
            """);

    /** Migrates anything that is not already a {@code Long}: the switch tests the state type first. */
    static final JavaFileObject COUNTER_V4 = source("CounterV4", """
            @GenServer
            public class CounterV4 {
                public record Get() {}
                Long init() { return 0L; }
                Reply<Long, Long> handleCall(Get get, Long n) { return Reply.of(n, n); }
                Long codeChange(Object oldVersion, Object old, Object extra) { return -1L; }
                Long codeChange(Object oldVersion, Collection<?> old, Object extra) { return (long) old.size(); }
                Long codeChange(Object oldVersion, Long n, Object extra) { return n + 100; }
            }
            """);

    @Test
    void aMigrationFromASupertypeTakesOnlyStatesNotAlreadyOfTheNewType() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COUNTER_V1, LOG_V1, COUNTER_V4,
                source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        CounterClient counter = CounterClient.start(10);
                        counter.ref().upgrade(CounterV4_Dispatcher::new, "v1", null);
                        CounterV4Client v4 = CounterV4Client.of(counter.ref());
                        long fromInteger = v4.get();                    // Object: anything else
                        v4.ref().upgrade(CounterV4_Dispatcher::new, "v4", null);
                        long fromLong = v4.get();                       // already a Long: the same-type one
                        v4.stop();

                        LogClient log = LogClient.start();
                        log.append(3);
                        log.append(4);
                        log.ref().upgrade(CounterV4_Dispatcher::new, "log1", null);
                        long fromList = CounterV4Client.of(log.ref()).get();   // Collection, before Object
                        log.stop();
                        return List.of(fromInteger, fromLong, fromList);
                    }
                }
                """));
        assertThat(result).containsExactly(-1L, 99L, 2L);
    }

    @Test
    void anOldStateNoOverloadTakesFailsTheUpgradeAndTheServerKeepsItsCodeAndState() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", LOG_V1, COUNTER_V3, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        LogClient log = LogClient.start();
                        log.append(3);
                        String failure;
                        try {
                            log.ref().upgrade(CounterV3_Dispatcher::new, "log1", null);
                            failure = "upgraded";
                        } catch (CallFailedException e) {
                            failure = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
                        }
                        int appended = log.append(4);                  // the old code, with the old state
                        log.stop();
                        return List.of(failure, appended);
                    }
                }
                """));
        assertThat(result).hasSize(2);
        assertThat((String) result.get(0)).startsWith("IllegalStateException: ").contains("override codeChangeFrom")
                .contains("on a @GenServer class, declare `Long codeChange(Object oldVersion, OldType old, Object "
                        + "extra)`");
        assertThat(result.get(1)).isEqualTo(2);
    }

    @Test
    void anUpgradeMigratesEachOldStateTypeToTheNewOne() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COUNTER_V1, LOG_V1, COUNTER_V2,
                source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        CounterClient v1 = CounterClient.start(10);
                        v1.add(5);
                        int before = v1.get();
                        v1.ref().upgrade(CounterV2_Dispatcher::new, "v1", null);
                        CounterV2Client v2 = CounterV2Client.of(v1.ref());
                        v2.add(1);
                        CounterV2.Tally migrated = v2.get();
                        Proc.exit(v2.worker(), ExitReason.kill());
                        CounterV2.Tally restored = v2.get();       // the keeper holds the new type
                        v2.ref().upgrade(CounterV2_Dispatcher::new, "v2", 100);
                        CounterV2.Tally again = v2.get();          // a Tally goes to the same-type codeChange
                        v2.stop();

                        LogClient log = LogClient.start();
                        log.append(3);
                        log.append(4);
                        log.ref().upgrade(CounterV2_Dispatcher::new, "log1", null);
                        CounterV2.Tally fromLog = CounterV2Client.of(log.ref()).get();
                        log.stop();
                        return List.of(before, migrated.toString(), restored.toString(), again.toString(),
                                fromLog.toString());
                    }
                }
                """));
        assertThat(result).containsExactly(15,
                "Tally[total=16, adds=1, from=v1 count]",
                "Tally[total=16, adds=1, from=v1 count]",
                "Tally[total=116, adds=1, from=v1 count, v2]",
                "Tally[total=7, adds=2, from=log1 log]");
    }
}
