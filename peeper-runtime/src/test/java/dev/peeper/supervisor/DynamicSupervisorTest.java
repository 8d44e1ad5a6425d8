package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A supervisor that starts empty and takes children on demand, each restarted on its own. */
@Timeout(30)
class DynamicSupervisorTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    private DynamicSupervisorRef start() {
        return supervisors.startDynamic(DynamicSupervisorOptions.defaults());
    }

    @Test
    void itStartsEmpty() {
        DynamicSupervisorRef sup = start();

        assertThat(sup.whichChildren()).isEmpty();
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(0, 0, 0, 0));
    }

    @Test
    void startChildStartsAChildAndListsItWithoutAnId() throws Exception {
        DynamicSupervisorRef sup = start();

        Pid a = sup.startChild(TestWorker.spec("a", journal));
        Pid b = sup.startChild(TestWorker.spec("b", journal).withRestart(Restart.TRANSIENT));

        assertThat(journal.awaitStarts("a", "b")).containsExactly(a, b);
        assertThat(sup.whichChildren()).containsExactly(
                new ChildInfo(null, a, ChildType.WORKER, Restart.PERMANENT),
                new ChildInfo(null, b, ChildType.WORKER, Restart.TRANSIENT));
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 2, 0, 2));
    }

    @Test
    void oneSpecCanStartManyChildren() throws Exception {
        DynamicSupervisorRef sup = start();
        ChildSpec session = TestWorker.spec("session", journal);

        List<Pid> pids = List.of(sup.startChild(session), sup.startChild(session), sup.startChild(session));

        assertThat(pids).doesNotHaveDuplicates().allMatch(Proc::isAlive);
        assertThat(sup.countChildren().active()).isEqualTo(3);
    }

    @Test
    void terminateChildStopsTheChildByItsShutdownAndForgetsIt() throws Exception {
        DynamicSupervisorRef sup = start();
        Pid a = sup.startChild(TestWorker.spec("a", journal));
        Pid b = sup.startChild(TestWorker.spec("b", journal));

        sup.terminateChild(a);

        assertThat(awaitExit(a)).isEqualTo(ExitReason.shutdown());
        assertThat(journal.history()).containsExactly("start a", "start b", "stop a shutdown");
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(b);
        assertThatThrownBy(() -> sup.terminateChild(a))
                .isInstanceOf(SupervisorException.class)
                .hasMessage(a + " is not a child of this supervisor");
    }

    @Test
    void terminateChildRefusesAStranger() {
        DynamicSupervisorRef sup = start();
        Pid stranger = Proc.spawn(() -> { });

        assertThatThrownBy(() -> sup.terminateChild(stranger))
                .isInstanceOf(SupervisorException.class)
                .hasMessage(stranger + " is not a child of this supervisor");
    }

    @Test
    void maxChildrenLimitsTheRunningChildren() throws Exception {
        DynamicSupervisorRef sup = supervisors.startDynamic(DynamicSupervisorOptions.defaults().withMaxChildren(2));
        Pid a = sup.startChild(TestWorker.spec("a", journal));
        sup.startChild(TestWorker.spec("b", journal));

        assertThatThrownBy(() -> sup.startChild(TestWorker.spec("c", journal)))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("the dynamic supervisor already has its maximum of 2 children; stop one first or "
                        + "raise maxChildren");
        assertThat(journal.history()).containsExactly("start a", "start b");

        sup.terminateChild(a);
        Pid c = sup.startChild(TestWorker.spec("c", journal));
        assertThat(Proc.isAlive(c)).isTrue();
    }

    @Test
    void maxChildrenZeroRefusesEveryChild() {
        DynamicSupervisorRef sup = supervisors.startDynamic(DynamicSupervisorOptions.defaults().withMaxChildren(0));

        assertThatThrownBy(() -> sup.startChild(TestWorker.spec("a", journal)))
                .isInstanceOf(SupervisorException.class)
                .hasMessageContaining("maximum of 0 children");
    }

    @Test
    void aCrashedChildIsRestartedWithANewPid() throws Exception {
        DynamicSupervisorRef sup = start();
        Pid a = sup.startChild(TestWorker.spec("a", journal));
        Pid b = sup.startChild(TestWorker.spec("b", journal));
        journal.awaitStarts("a", "b");

        ServerRef.of(a).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("a")).isInstanceOf(ExitReason.Crash.class);
        Pid newA = journal.awaitStart("a");
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactlyInAnyOrder(b, newA)
                .doesNotContain(a);
        assertThat(sup.countChildren().active()).isEqualTo(2);
    }

    @Test
    void restartTypesApplyAsInAStaticSupervisor() throws Exception {
        DynamicSupervisorRef sup = start();
        Pid permanent = sup.startChild(TestWorker.spec("permanent", journal));
        Pid transientChild = sup.startChild(TestWorker.spec("transient", journal).withRestart(Restart.TRANSIENT));
        Pid temporary = sup.startChild(TestWorker.spec("temporary", journal).withRestart(Restart.TEMPORARY));
        journal.awaitStarts("permanent", "transient", "temporary");
        ExitWatch transientEnds = ExitWatch.on(transientChild);
        ExitWatch temporaryEnds = ExitWatch.on(temporary);

        ServerRef.of(transientChild).cast(new TestWorker.StopWith(ExitReason.normal()));
        ServerRef.of(temporary).cast(TestWorker.CRASH);

        assertThat(transientEnds.await()).isEqualTo(ExitReason.normal());
        assertThat(temporaryEnds.await()).isInstanceOf(ExitReason.Crash.class);
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(permanent);
        assertThat(journal.unread()).extracting(Journal.Entry::start).containsOnly(false);
    }

    @Test
    void beyondItsIntensityItStopsWithAllItsChildren() throws Exception {
        DynamicSupervisorRef sup = supervisors.startDynamic(
                DynamicSupervisorOptions.defaults().withIntensity(1, Duration.ofMinutes(1)));
        Pid steady = sup.startChild(TestWorker.spec("steady", journal));
        Pid crashing = sup.startChild(TestWorker.spec("crashing", journal));
        journal.awaitStarts("steady", "crashing");

        ServerRef.of(crashing).cast(TestWorker.CRASH);
        journal.awaitStop("crashing");
        ServerRef.of(journal.awaitStart("crashing")).cast(TestWorker.CRASH);

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(journal.awaitStop("crashing")).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.awaitStop("steady")).isEqualTo(ExitReason.shutdown());
        assertThat(Proc.isAlive(steady)).isFalse();
    }

    @Test
    void stopStopsTheChildrenNewestFirst() throws Exception {
        DynamicSupervisorRef sup = start();
        sup.startChild(TestWorker.spec("a", journal));
        sup.startChild(TestWorker.spec("b", journal));
        sup.startChild(TestWorker.spec("c", journal));

        sup.stop();

        assertThat(journal.history()).containsExactly("start a", "start b", "start c",
                "stop c shutdown", "stop b shutdown", "stop a shutdown");
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.normal());
    }

    @Test
    void detachChildForgetsAChildWithoutStoppingIt() throws Exception {
        DynamicSupervisorRef sup = start();
        Pid a = sup.startChild(TestWorker.spec("a", journal));
        Pid b = sup.startChild(TestWorker.spec("b", journal));
        journal.awaitStarts("a", "b");

        sup.detachChild(a);

        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(b);
        assertThat(Proc.isAlive(a)).isTrue();
        sup.stop(); // stops b only: a is no longer linked nor known
        assertThat(journal.unread()).extracting(Journal.Entry::toString).containsExactly("stop b shutdown");
        assertThat(Proc.isAlive(a)).isTrue();
        Proc.exit(a, ExitReason.kill());
        assertThat(awaitExit(a)).isEqualTo(ExitReason.killed());
    }

    @Test
    void aDetachedChildIsNotRestartedWhenItCrashes() throws Exception {
        DynamicSupervisorRef sup = start();
        Pid a = sup.startChild(TestWorker.spec("a", journal));
        journal.awaitStart("a");
        sup.detachChild(a);
        ExitWatch exit = ExitWatch.on(a);

        ServerRef.of(a).cast(TestWorker.CRASH);

        assertThat(exit.await()).isInstanceOf(ExitReason.Crash.class);
        assertThat(sup.countChildren().active()).isZero();
        assertThat(journal.unread()).extracting(Journal.Entry::toString).containsExactly("stop a crash");
    }

    @Test
    void detachChildRefusesAStranger() {
        DynamicSupervisorRef sup = start();
        Pid stranger = Proc.spawn(() -> { });

        assertThatThrownBy(() -> sup.detachChild(stranger))
                .isInstanceOf(SupervisorException.class)
                .hasMessage(stranger + " is not a child of this supervisor");
    }

    @Test
    void aRestartThatFailsIsRetriedUntilTheIntensityRunsOut() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ChildSpec firstTimeOnly = ChildSpec.worker("flaky", () -> {
            if (attempts.incrementAndGet() > 1) {
                throw new TestWorker.Boom("cannot start again (on purpose)");
            }
            return TestWorker.start("flaky", journal).start();
        });
        DynamicSupervisorRef sup = supervisors.startDynamic(
                DynamicSupervisorOptions.defaults().withIntensity(3, Duration.ofMinutes(1)));
        sup.startChild(TestWorker.spec("steady", journal));
        Pid flaky = sup.startChild(firstTimeOnly);

        ServerRef.of(flaky).cast(TestWorker.CRASH);

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(attempts).hasValue(1 + 3);
        assertThat(journal.history()).containsExactly("start steady", "start flaky", "stop flaky crash",
                "stop steady shutdown");
    }

    @Test
    void aRestartThatFailsOnceIsRetriedAndTheChildComesBack() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ChildSpec secondFails = ChildSpec.worker("flaky", () -> {
            if (attempts.incrementAndGet() == 2) {
                throw new TestWorker.Boom("cannot start this once (on purpose)");
            }
            return TestWorker.start("flaky", journal).start();
        });
        DynamicSupervisorRef sup = start();
        Pid flaky = sup.startChild(secondFails);
        journal.awaitStart("flaky");

        ServerRef.of(flaky).cast(TestWorker.CRASH);

        journal.awaitStop("flaky");
        Pid back = journal.awaitStart("flaky");
        assertThat(attempts).hasValue(3);
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(back);
    }

    @Test
    void aChildWhoseStartFailsIsRefused() {
        DynamicSupervisorRef sup = start();

        assertThatThrownBy(() -> sup.startChild(ChildSpec.worker("bad", () -> {
            throw new TestWorker.Boom("cannot start (on purpose)");
        })))
                .isInstanceOf(SupervisorException.class)
                .hasMessageStartingWith("child bad failed to start: ")
                .hasCauseInstanceOf(TestWorker.Boom.class);
        assertThat(sup.countChildren().specs()).isZero();
    }

    @Test
    void anIgnoredChildIsNotKept() {
        DynamicSupervisorRef sup = start();

        assertThat(sup.startChild(ChildSpec.worker("ignored", () -> null))).isNull();
        assertThat(sup.whichChildren()).isEmpty();
    }

    @Test
    void itHasNoChildIds() {
        DynamicSupervisorRef sup = start();

        assertThatThrownBy(() -> new SupervisorRef(sup.server()).restartChild("a"))
                .isInstanceOf(SupervisorException.class)
                .hasMessageStartingWith("a dynamic supervisor has no child ids: start children with "
                        + "startChild(spec) and stop them with terminateChild(pid)");
    }

    @Test
    void itRunsUnderAStaticSupervisorAndIsStoppedWithIt() throws Exception {
        SupervisorRef tree = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("first", journal),
                DynamicSupervisor.childSpec("sessions", DynamicSupervisorOptions.defaults(), StartOptions.defaults())));
        journal.awaitStart("first");
        DynamicSupervisorRef sessions = new DynamicSupervisorRef(ServerRef.of(
                RestartIntensityTest.childPid(tree, "sessions")));
        sessions.startChild(TestWorker.spec("s1", journal));
        sessions.startChild(TestWorker.spec("s2", journal));

        assertThat(tree.countChildren()).isEqualTo(new ChildCounts(2, 2, 1, 1));
        tree.stop();
        assertThat(journal.history()).containsExactly("start first", "start s1", "start s2",
                "stop s2 shutdown", "stop s1 shutdown", "stop first shutdown");
    }
}
