package dev.peeper.processor;

import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated client runs its server as a Peeper server: compile a server, start it through the client, crash
 * its worker (a call that throws, and a kill), and see the state restored, the restarts counted, a fresh server
 * instance per worker, and {@code restore} called instead of {@code init}.
 */
class RunPeeperTest {
    static final JavaFileObject COUNTER = source("Counter", """
            @GenServer
            public class Counter {
                public record Get() {}
                public record Add(int by) {}
                public record Fail(String why) {}
                public record Seen() {}
                static final List<String> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();
                private int seen;   // per worker instance, not state: a new worker starts from 0

                Integer init(Integer start) {
                    EVENTS.add("init " + start);
                    return start;
                }
                Reply<Integer, Integer> handleCall(Get get, Integer n) { return Reply.of(n, n); }
                Reply<Integer, Integer> handleCall(Seen s, Integer n) { return Reply.of(++seen, n); }
                Reply<Integer, Integer> handleCall(Fail fail, Integer n) { throw new IllegalStateException(fail.why()); }
                Next<Integer> handleCast(Add add, Integer n) { return Next.of(n + add.by()); }
                Integer restore(Integer kept, ExitReason lastExit) {
                    EVENTS.add("restore " + kept + " after " + lastExit.getClass().getSimpleName());
                    return kept;
                }
            }
            """);

    @Test
    void crashedAndKilledWorkersComeBackWithTheState() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COUNTER, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        CounterClient counter = CounterClient.start(10);
                        counter.add(5);
                        int before = counter.get();
                        int seenBefore = counter.seen();
                        Pid firstWorker = counter.worker();
                        String failure;
                        try {
                            counter.fail("boom");
                            failure = "no failure";
                        } catch (ServerExitException e) {
                            failure = e.reason().cause().getMessage();
                        }
                        int afterCrash = counter.get();
                        long restartsAfterCrash = counter.statistics().restarts();
                        boolean newWorker = !counter.worker().equals(firstWorker);
                        int seenAfter = counter.seen();

                        Pid worker = counter.worker();
                        Proc.exit(worker, ExitReason.kill());
                        counter.add(1);
                        int afterKill = counter.get();
                        PeeperStatistics statistics = counter.statistics();
                        counter.stop();
                        return List.of(before, seenBefore, failure, afterCrash, restartsAfterCrash, newWorker,
                                seenAfter, afterKill, statistics.restarts(),
                                statistics.lastCrash() instanceof ExitReason.Killed, Counter.EVENTS);
                    }
                }
                """));
        assertThat(result).containsExactly(15, 1, "boom", 15, 1L, true, 1, 16, 2L, true,
                List.of("init 10", "restore 15 after Crash", "restore 15 after Killed"));
    }

    @Test
    void lookupsReachTheSameServerAcrossRestarts() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COUNTER, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        CounterClient started = CounterClient.start(1, PeeperOptions.named("looked-up"));
                        Pid server = started.ref().pid();
                        Proc.exit(started.worker(), ExitReason.kill());
                        CounterClient byName = CounterClient.named("looked-up");
                        CounterClient byPid = CounterClient.of(server);
                        CounterClient byRef = CounterClient.of(started.ref());
                        byName.add(1);
                        byPid.add(1);
                        byRef.add(1);
                        List<Object> seen = List.of(started.get(), byPid.ref().pid().equals(server),
                                byRef.equals(started), byName.toString(), started.statistics().restarts());
                        started.stop();
                        return seen;
                    }
                }
                """));
        assertThat(result).containsExactly(4, true, true, "CounterClient[looked-up]", 1L);
    }

    @Test
    void childSpecRunsThePeeperServerUnderASupervisor() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", COUNTER, source("Scenario", """
                import dev.peeper.supervisor.*;
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        SupervisorRef tree = Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                                CounterClient.childSpec("counter", 7, PeeperOptions.named("supervised-counter"))));
                        CounterClient counter = CounterClient.named("supervised-counter");
                        Pid server = counter.ref().pid();
                        counter.add(1);
                        Proc.exit(counter.worker(), ExitReason.kill());
                        int value = counter.get();
                        // the worker's restart is the Peeper server's business: the supervisor saw nothing
                        boolean sameChild = tree.whichChildren().get(0).pid().equals(server);
                        tree.stop();
                        return List.of(value, sameChild, counter.ref().isAlive());
                    }
                }
                """));
        assertThat(result).containsExactly(8, true, false);
    }

    @Test
    void restoreMayAdjustTheStateAndInitRunsOnce() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Session", """
                @GenServer
                public class Session {
                    public record Visits(int count, int recoveries) {}
                    public record Visit() {}
                    public record Read() {}
                    Visits init() { return new Visits(0, 0); }
                    Next<Visits> handleCast(Visit v, Visits s) { return Next.of(new Visits(s.count() + 1, s.recoveries())); }
                    Reply<Visits, Visits> handleCall(Read r, Visits s) { return Reply.of(s, s); }
                    Visits restore(Visits kept, ExitReason lastExit) {
                        return new Visits(kept.count(), kept.recoveries() + 1);
                    }
                }
                """), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        SessionClient session = SessionClient.start();
                        session.visit();
                        session.visit();
                        Proc.exit(session.worker(), ExitReason.kill());
                        session.visit();
                        Session.Visits visits = session.read();
                        session.stop();
                        return List.of(visits.count(), visits.recoveries());
                    }
                }
                """));
        assertThat(result).containsExactly(3, 1);
    }
}
