package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Inspecting and changing a running supervisor's children by id, and the refusals, each saying why. */
@Timeout(30)
class SupervisorRefTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    private SupervisorRef startAb() {
        return supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal), TestWorker.spec("b", journal).withRestart(Restart.TRANSIENT)));
    }

    @Test
    void whichChildrenListsEveryChildInStartOrder() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal),
                Supervisor.childSpec("inner", SupervisorFlags.oneForOne(), List.of(TestWorker.spec("x", journal))),
                TestWorker.spec("c", journal).withRestart(Restart.TEMPORARY)));
        Pid a = journal.awaitStart("a");
        journal.awaitStart("x");
        Pid c = journal.awaitStart("c");

        List<ChildInfo> children = sup.whichChildren();

        assertThat(children).hasSize(3);
        assertThat(children.get(0)).isEqualTo(new ChildInfo("a", a, ChildType.WORKER, Restart.PERMANENT));
        assertThat(children.get(1).id()).isEqualTo("inner");
        assertThat(children.get(1).type()).isEqualTo(ChildType.SUPERVISOR);
        assertThat(Proc.isAlive(children.get(1).pid())).isTrue();
        assertThat(children.get(2)).isEqualTo(new ChildInfo("c", c, ChildType.WORKER, Restart.TEMPORARY));
    }

    @Test
    void countChildrenCountsSpecsRunningChildrenSupervisorsAndWorkers() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal),
                ChildSpec.worker("ignored", () -> null),
                Supervisor.childSpec("inner", SupervisorFlags.oneForOne(), List.of()),
                DynamicSupervisor.childSpec("dynamic", DynamicSupervisorOptions.defaults(),
                        StartOptions.defaults())));

        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(4, 3, 2, 2));
        sup.terminateChild("inner");
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(4, 2, 2, 2));
    }

    @Test
    void terminateChildStopsItButKeepsItsSpec() throws Exception {
        SupervisorRef sup = startAb();
        Pid a = journal.awaitStart("a");
        Pid b = journal.awaitStart("b");

        sup.terminateChild("a");

        assertThat(journal.awaitStop("a")).isEqualTo(ExitReason.shutdown());
        assertThat(awaitExit(a)).isEqualTo(ExitReason.shutdown());
        assertThat(sup.whichChildren()).containsExactly(
                new ChildInfo("a", null, ChildType.WORKER, Restart.PERMANENT),
                new ChildInfo("b", b, ChildType.WORKER, Restart.TRANSIENT));
        assertThat(journal.unread()).as("a permanent child terminated on purpose is not restarted").isEmpty();
        sup.terminateChild("a"); // already stopped: nothing to do, no error
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 1, 0, 2));
    }

    @Test
    void terminatingATemporaryChildForgetsIt() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("tmp", journal).withRestart(Restart.TEMPORARY)));
        journal.awaitStart("tmp");

        sup.terminateChild("tmp");

        assertThat(sup.whichChildren()).isEmpty();
    }

    @Test
    void restartChildStartsAStoppedChildAgainWithANewPid() throws Exception {
        SupervisorRef sup = startAb();
        Pid a = journal.awaitStart("a");
        Pid b = journal.awaitStart("b");
        sup.terminateChild("a");
        journal.awaitStop("a");

        Pid newA = sup.restartChild("a");

        assertThat(newA).isNotEqualTo(a).isEqualTo(journal.awaitStart("a"));
        assertThat(Proc.isAlive(newA)).isTrue();
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(newA, b); // keeps its place
    }

    @Test
    void restartChildRefusesARunningChild() throws Exception {
        SupervisorRef sup = startAb();
        Pid a = journal.awaitStart("a");

        assertThatThrownBy(() -> sup.restartChild("a"))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("cannot restart child a: it is running as " + a + "; terminateChild it first");
    }

    @Test
    void aRestartChildWhoseStartFailsIsRefusedAndTheSpecStays() throws Exception {
        AtomicBoolean fail = new AtomicBoolean();
        ChildStart failsOnDemand = () -> {
            if (fail.get()) {
                throw new TestWorker.Boom("cannot start now (on purpose)");
            }
            return TestWorker.start("f", journal).start();
        };
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                ChildSpec.worker("f", failsOnDemand)));
        journal.awaitStart("f");
        sup.terminateChild("f");
        journal.awaitStop("f");
        fail.set(true);

        assertThatThrownBy(() -> sup.restartChild("f"))
                .isInstanceOf(SupervisorException.class)
                .hasMessageStartingWith("child f failed to start: ")
                .hasMessageContaining("cannot start now")
                .hasCauseInstanceOf(TestWorker.Boom.class);
        assertThat(sup.whichChildren()).containsExactly(new ChildInfo("f", null, ChildType.WORKER, Restart.PERMANENT));
    }

    @Test
    void terminatingAChildWhoseRestartIsToBeRetriedCancelsTheRetry() throws Exception {
        HeldFailingRestart held = HeldFailingRestart.start(supervisors, journal);

        held.sendThenFailTheRestart(new SupervisorRequest.TerminateChild("x"));

        // served after the retry: a child terminated on purpose stays stopped, as in OTP
        assertThat(held.supervisor.whichChildren()).containsExactly(
                new ChildInfo("keep", held.keep, ChildType.WORKER, Restart.PERMANENT),
                new ChildInfo("x", null, ChildType.WORKER, Restart.PERMANENT));
        assertThat(held.attempts).hasValue(2);
        assertThat(journal.unread()).isEmpty();
    }

    @Test
    void deleteChildForgetsAStoppedChild() throws Exception {
        SupervisorRef sup = startAb();
        journal.awaitStart("a");
        Pid b = journal.awaitStart("b");
        sup.terminateChild("a");

        sup.deleteChild("a");

        assertThat(sup.whichChildren()).containsExactly(new ChildInfo("b", b, ChildType.WORKER, Restart.TRANSIENT));
        assertThatThrownBy(() -> sup.restartChild("a"))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("no child with id a; known ids: [b]");
    }

    @Test
    void deleteChildRefusesARunningChild() throws Exception {
        SupervisorRef sup = startAb();
        Pid a = journal.awaitStart("a");

        assertThatThrownBy(() -> sup.deleteChild("a"))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("cannot delete child a: it is running as " + a + "; terminateChild it first");
        assertThat(Proc.isAlive(a)).isTrue();
        assertThat(sup.countChildren().specs()).isEqualTo(2);
    }

    @Test
    void unknownIdsAreRefusedNamingTheKnownOnes() {
        SupervisorRef sup = startAb();

        assertThatThrownBy(() -> sup.terminateChild("nope"))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("no child with id nope; known ids: [a, b]");
        assertThatThrownBy(() -> sup.restartChild("nope"))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("no child with id nope; known ids: [a, b]");
        assertThatThrownBy(() -> sup.deleteChild("nope"))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("no child with id nope; known ids: [a, b]");
        assertThatThrownBy(() -> sup.terminateChild(null))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("no child with id null; known ids: [a, b]");
    }

    @Test
    void aRefusalIsThrownWithTheCallersStack() {
        SupervisorRef sup = startAb();

        assertThatThrownBy(() -> sup.restartChild("nope"))
                .satisfies(e -> assertThat(e.getStackTrace()).anyMatch(frame ->
                        frame.getClassName().equals(SupervisorRefTest.class.getName())));
    }

    @Test
    void startChildAddsAChildAtTheEndAndStartsIt() throws Exception {
        SupervisorRef sup = startAb();
        journal.awaitStarts("a", "b");

        Pid c = sup.startChild(TestWorker.spec("c", journal));

        assertThat(journal.awaitStart("c")).isEqualTo(c);
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("a", "b", "c");
        sup.stop();
        assertThat(journal.history()).endsWith("stop c shutdown", "stop b shutdown", "stop a shutdown");
    }

    @Test
    void aChildAddedLaterIsSupervisedLikeTheOthers() throws Exception {
        SupervisorRef sup = startAb();
        journal.awaitStarts("a", "b");
        Pid c = sup.startChild(TestWorker.spec("c", journal));
        journal.awaitStart("c");

        Proc.exit(c, ExitReason.of("boom"));

        assertThat(journal.awaitStop("c")).isEqualTo(ExitReason.of("boom"));
        Pid newC = journal.awaitStart("c");
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).endsWith(newC);
    }

    @Test
    void startChildRefusesAnIdInUse() throws Exception {
        SupervisorRef sup = startAb();
        Pid a = journal.awaitStart("a");

        assertThatThrownBy(() -> sup.startChild(TestWorker.spec("a", journal)))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("a child with id a is already running as " + a
                        + "; use another id, or restartChild / deleteChild the existing one");
        sup.terminateChild("a");
        assertThatThrownBy(() -> sup.startChild(TestWorker.spec("a", journal)))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("a child with id a is already present (not running)"
                        + "; use another id, or restartChild / deleteChild the existing one");
        assertThat(journal.history()).containsExactly("start a", "start b", "stop a shutdown");
    }

    @Test
    void aStartChildWhoseStartFailsIsRefusedAndNotKept() {
        SupervisorRef sup = startAb();

        assertThatThrownBy(() -> sup.startChild(ChildSpec.worker("bad", () -> {
            throw new TestWorker.Boom("cannot start (on purpose)");
        })))
                .isInstanceOf(SupervisorException.class)
                .hasMessageStartingWith("child bad failed to start: ")
                .hasCauseInstanceOf(TestWorker.Boom.class);
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("a", "b");
    }

    @Test
    void aStartChildThatIsIgnoredIsKeptWithoutAProcess() {
        SupervisorRef sup = startAb();

        assertThat(sup.startChild(ChildSpec.worker("ignored", () -> null))).isNull();

        assertThat(sup.whichChildren()).last()
                .isEqualTo(new ChildInfo("ignored", null, ChildType.WORKER, Restart.PERMANENT));
    }

    @Test
    void startChildCanAddASupervisor() throws Exception {
        SupervisorRef sup = startAb();
        journal.awaitStarts("a", "b");

        Pid inner = sup.startChild(Supervisor.childSpec("inner", SupervisorFlags.oneForOne(),
                List.of(TestWorker.spec("x", journal))));

        journal.awaitStart("x");
        assertThat(new SupervisorRef(ServerRef.of(inner)).countChildren().active()).isEqualTo(1);
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(3, 3, 1, 2));
    }
}
