package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which children a supervisor restarts when one crashes: one_for_one, one_for_all, rest_for_one. */
@Timeout(30)
class StrategyTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    private SupervisorRef startAbc(SupervisorFlags flags) {
        return supervisors.start(flags.withIntensity(10, Duration.ofMinutes(1)), List.of(
                TestWorker.spec("a", journal), TestWorker.spec("b", journal), TestWorker.spec("c", journal)));
    }

    private static List<Pid> pids(SupervisorRef sup) {
        return sup.whichChildren().stream().map(ChildInfo::pid).toList();
    }

    // ---- one_for_one ----

    @Test
    void oneForOneRestartsOnlyTheChildThatCrashed() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.oneForOne());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        ServerRef.of(before.get(1)).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("b")).isInstanceOf(ExitReason.Crash.class);
        Pid newB = journal.awaitStart("b");
        assertThat(newB).isNotEqualTo(before.get(1));
        assertThat(pids(sup)).containsExactly(before.get(0), newB, before.get(2));
        assertThat(journal.history()).containsExactly(
                "start a", "start b", "start c", "stop b crash", "start b");
        assertThat(Proc.isAlive(before.get(1))).isFalse();
    }

    @Test
    void oneForOneRestartsAChildKilledByAnExitSignal() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.oneForOne());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        Proc.exit(before.get(2), ExitReason.of("boom"));

        assertThat(journal.awaitStop("c")).isEqualTo(ExitReason.of("boom"));
        Pid newC = journal.awaitStart("c");
        assertThat(pids(sup)).containsExactly(before.get(0), before.get(1), newC);
    }

    @Test
    void oneForOneRestartsAChildKilledOutright() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.oneForOne());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        Proc.exit(before.get(0), ExitReason.kill());

        Pid newA = journal.awaitStart("a"); // killed: its terminate does not run
        assertThat(pids(sup)).containsExactly(newA, before.get(1), before.get(2));
        assertThat(ExitWatch.awaitExit(before.get(0))).isEqualTo(ExitReason.killed());
    }

    // ---- one_for_all ----

    @Test
    void oneForAllStopsTheOthersInReverseOrderAndRestartsAllInOrder() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.oneForAll());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        ServerRef.of(before.get(1)).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("b")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("c")).isEqualTo(ExitReason.shutdown());
        assertThat(journal.awaitStop("a")).isEqualTo(ExitReason.shutdown());
        List<Pid> after = journal.awaitStarts("a", "b", "c");
        assertThat(pids(sup)).containsExactlyElementsOf(after).doesNotContainAnyElementsOf(before);
        assertThat(before).noneMatch(Proc::isAlive);
    }

    @Test
    void oneForAllStopsATemporaryChildWithTheOthersAndForgetsIt() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForAll(), List.of(
                TestWorker.spec("a", journal),
                TestWorker.spec("temp", journal).withRestart(Restart.TEMPORARY),
                TestWorker.spec("c", journal)));
        List<Pid> before = journal.awaitStarts("a", "temp", "c");

        ServerRef.of(before.get(0)).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("a")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("c")).isEqualTo(ExitReason.shutdown());
        assertThat(journal.awaitStop("temp")).isEqualTo(ExitReason.shutdown());
        List<Pid> after = journal.awaitStarts("a", "c");
        assertThat(sup.whichChildren()).extracting(ChildInfo::id, ChildInfo::pid).containsExactly(
                tuple("a", after.get(0)),
                tuple("c", after.get(1)));
    }

    // ---- rest_for_one ----

    @Test
    void restForOneRestartsTheChildAndThoseStartedAfterIt() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.restForOne());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        ServerRef.of(before.get(1)).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("b")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("c")).isEqualTo(ExitReason.shutdown());
        List<Pid> after = journal.awaitStarts("b", "c");
        assertThat(pids(sup)).containsExactly(before.get(0), after.get(0), after.get(1));
        assertThat(Proc.isAlive(before.get(0))).isTrue();
    }

    @Test
    void restForOneRestartsOnlyTheLastChildWhenTheLastCrashes() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.restForOne());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        ServerRef.of(before.get(2)).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("c")).isInstanceOf(ExitReason.Crash.class);
        Pid newC = journal.awaitStart("c");
        assertThat(pids(sup)).containsExactly(before.get(0), before.get(1), newC);
    }

    @Test
    void restForOneRestartsEverythingWhenTheFirstCrashes() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.restForOne());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        ServerRef.of(before.get(0)).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("a")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("c")).isEqualTo(ExitReason.shutdown());
        assertThat(journal.awaitStop("b")).isEqualTo(ExitReason.shutdown());
        List<Pid> after = journal.awaitStarts("a", "b", "c");
        assertThat(pids(sup)).containsExactlyElementsOf(after);
    }

    // ---- restarts and names ----

    @Test
    void aNamedChildIsRestartedUnderItsName() throws Exception {
        String name = "worker-" + UUID.randomUUID();
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                ChildSpec.worker("named", TestWorker.start("named", journal, TestWorker.Config.DEFAULT.named(name)))));
        Pid first = journal.awaitStart("named");
        ServerRef byName = ServerRef.named(name);
        assertThat(byName.pid()).isEqualTo(first);

        byName.cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("named")).isInstanceOf(ExitReason.Crash.class);
        Pid second = journal.awaitStart("named"); // the name was free in time: no "already started"
        assertThat((String) byName.call(TestWorker.PING)).isEqualTo("pong");
        assertThat(byName.pid()).isEqualTo(second).isNotEqualTo(first);
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(second);
    }

    @Test
    void aChildThatExitsWhileAnotherIsRestartedIsRestartedToo() throws Exception {
        SupervisorRef sup = startAbc(SupervisorFlags.oneForOne());
        List<Pid> before = journal.awaitStarts("a", "b", "c");

        ServerRef.of(before.get(0)).cast(TestWorker.CRASH);
        ServerRef.of(before.get(2)).cast(TestWorker.CRASH);

        List<Object> restarted = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // two stops and two starts, in an order the test does not control
            Journal.Entry entry = journal.next();
            if (entry.start()) {
                restarted.add(entry.id());
            }
        }
        assertThat(restarted).containsExactlyInAnyOrder("a", "c");
        assertThat(pids(sup)).doesNotContain(before.get(0), before.get(2)).contains(before.get(1))
                .allMatch(Proc::isAlive);
    }
}
