package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restart intensity: beyond {@code maxRestarts} in {@code period} a supervisor gives up, stops its children and
 * itself with {@code shutdown}, and its own supervisor deals with that by its own rules.
 */
@Timeout(30)
class RestartIntensityTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    @Test
    void beyondItsIntensityASupervisorStopsAllItsChildrenAndItself() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withIntensity(2, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("a", journal), TestWorker.spec("b", journal), TestWorker.spec("c", journal)));
        List<Pid> first = journal.awaitStarts("a", "b", "c");

        Pid b = first.get(1);
        for (int restart = 1; restart <= 2; restart++) { // within the intensity
            ServerRef.of(b).cast(TestWorker.CRASH);
            assertThat(journal.awaitStop("b")).isInstanceOf(ExitReason.Crash.class);
            b = journal.awaitStart("b");
        }
        ServerRef.of(b).cast(TestWorker.CRASH); // one too many

        assertThat(journal.awaitStop("b")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("c")).isEqualTo(ExitReason.shutdown());
        assertThat(journal.awaitStop("a")).isEqualTo(ExitReason.shutdown());
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(first).noneMatch(Proc::isAlive);
        assertThat(journal.unread()).isEmpty();
    }

    @Test
    void withIntensityZeroTheFirstCrashIsFatal() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withIntensity(0, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("a", journal), TestWorker.spec("b", journal)));
        List<Pid> pids = journal.awaitStarts("a", "b");

        Proc.exit(pids.get(0), ExitReason.of("boom"));

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(journal.history()).containsExactly("start a", "start b", "stop a boom", "stop b shutdown");
    }

    @Test
    void theParentSupervisorRestartsAChildSupervisorThatGaveUp() throws Exception {
        SupervisorRef parent = supervisors.start(SupervisorFlags.oneForOne().withIntensity(3, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("sibling", journal),
                        Supervisor.childSpec("inner", SupervisorFlags.oneForOne(), List.of( // 1 restart in 5 s
                                TestWorker.spec("x", journal), TestWorker.spec("y", journal)))));
        Pid sibling = journal.awaitStart("sibling");
        List<Pid> xy = journal.awaitStarts("x", "y");
        Pid inner = childPid(parent, "inner");

        ServerRef.of(xy.get(0)).cast(TestWorker.CRASH); // inner restarts x
        journal.awaitStop("x");
        Pid x = journal.awaitStart("x");
        ServerRef.of(x).cast(TestWorker.CRASH); // inner gives up

        assertThat(journal.awaitStop("x")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("y")).isEqualTo(ExitReason.shutdown());
        assertThat(awaitExit(inner)).isEqualTo(ExitReason.shutdown());
        List<Pid> restarted = journal.awaitStarts("x", "y"); // the parent restarted inner, which started x and y
        Pid newInner = childPid(parent, "inner");
        assertThat(newInner).isNotEqualTo(inner);
        assertThat(parent.whichChildren()).containsExactly(
                new ChildInfo("sibling", sibling, ChildType.WORKER, Restart.PERMANENT),
                new ChildInfo("inner", newInner, ChildType.SUPERVISOR, Restart.PERMANENT));
        assertThat(new SupervisorRef(ServerRef.of(newInner)).whichChildren()).extracting(ChildInfo::pid)
                .containsExactlyElementsOf(restarted);
        assertThat(Proc.isAlive(sibling)).isTrue(); // one_for_one: the sibling was not touched
    }

    @Test
    void aGiveUpEscalatesUpTheTreeUntilASupervisorCanAbsorbIt() throws Exception {
        SupervisorRef top = supervisors.start(SupervisorFlags.oneForOne().withIntensity(0, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("sibling", journal),
                        Supervisor.childSpec("inner", SupervisorFlags.oneForOne().withIntensity(0,
                                Duration.ofMinutes(1)), List.of(TestWorker.spec("x", journal)))));
        journal.awaitStarts("sibling", "x");
        Pid inner = childPid(top, "inner");
        Pid x = childPid(new SupervisorRef(ServerRef.of(inner)), "x");

        ServerRef.of(x).cast(TestWorker.CRASH); // inner gives up at once, and so does top

        assertThat(awaitExit(inner)).isEqualTo(ExitReason.shutdown());
        assertThat(awaitExit(top.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(journal.history()).containsExactly("start sibling", "start x", "stop x crash",
                "stop sibling shutdown");
    }

    @Test
    void aCrashLoopEndsEvenWithAGenerousIntensity() throws Exception {
        int maxRestarts = 50;
        SupervisorRef sup = supervisors.start(
                SupervisorFlags.oneForOne().withIntensity(maxRestarts, Duration.ofMinutes(10)), List.of(
                        TestWorker.spec("steady", journal),
                        ChildSpec.worker("looping", TestWorker.start("looping", journal,
                                TestWorker.Config.DEFAULT.crashingAtOnce()))));

        assertThat(Proc.awaitExit(sup.pid(), Duration.ofSeconds(30))).isEqualTo(ExitReason.shutdown());
        List<String> history = journal.history();
        assertThat(history.stream().filter("start looping"::equals)).hasSize(1 + maxRestarts);
        assertThat(history.stream().filter("stop looping crash"::equals)).hasSize(1 + maxRestarts);
        assertThat(history).startsWith("start steady").endsWith("stop steady shutdown");
    }

    @Test
    void restartsThatFailToStartCountTowardsTheIntensityAndEndInAGiveUp() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ChildStart firstTimeOnly = () -> {
            if (attempts.incrementAndGet() > 1) {
                throw new TestWorker.Boom("cannot start again (on purpose)");
            }
            return TestWorker.start("flaky", journal).start();
        };
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withIntensity(3, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("steady", journal), ChildSpec.worker("flaky", firstTimeOnly)));
        journal.awaitStart("steady");
        Pid flaky = journal.awaitStart("flaky");

        ServerRef.of(flaky).cast(TestWorker.CRASH);

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        // the first start, then one failed attempt per restart the intensity allowed
        assertThat(attempts).hasValue(1 + 3);
        assertThat(journal.history()).containsExactly("start steady", "start flaky", "stop flaky crash",
                "stop steady shutdown");
    }

    @Test
    void aRestartThatFailsOnceIsRetriedAndTheChildComesBack() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ChildStart secondFails = () -> {
            if (attempts.incrementAndGet() == 2) {
                throw new TestWorker.Boom("cannot start this once (on purpose)");
            }
            return TestWorker.start("flaky", journal).start();
        };
        SupervisorRef sup = supervisors.start(SupervisorFlags.restForOne().withIntensity(3, Duration.ofMinutes(1)),
                List.of(ChildSpec.worker("flaky", secondFails), TestWorker.spec("after", journal)));
        Pid flaky = journal.awaitStart("flaky");
        journal.awaitStart("after");

        ServerRef.of(flaky).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("flaky")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("after")).isEqualTo(ExitReason.shutdown());
        List<Pid> back = journal.awaitStarts("flaky", "after"); // retried in order, after the failed attempt
        assertThat(attempts).hasValue(3);
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactlyElementsOf(back);
    }

    static Pid childPid(SupervisorRef sup, Object id) {
        return sup.whichChildren().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().pid();
    }
}
