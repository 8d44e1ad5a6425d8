package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.StartException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A supervisor is the process that must not fall over: stray messages, extreme settings, odd failures. */
@Timeout(30)
class RobustnessTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    @Test
    void aStrayCallIsRefusedAndTheTreeLivesOn() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));
        Pid a = journal.awaitStart("a");

        assertThatThrownBy(() -> sup.server().call("hello"))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOf(SupervisorException.class)
                .hasMessageContaining("hello");

        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(a);
        assertThat(journal.unread()).isEmpty();
    }

    @Test
    void aStrayCastOrMessageIsIgnoredAndTheTreeLivesOn() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));
        Pid a = journal.awaitStart("a");

        sup.server().cast("hello");
        sup.server().send("hello again");

        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(a);
        assertThat(journal.unread()).isEmpty();
    }

    @Test
    void aDynamicSupervisorRefusesAStrayCallAndIgnoresAStrayCast() throws Exception {
        DynamicSupervisorRef sup = supervisors.startDynamic(DynamicSupervisorOptions.defaults());
        Pid a = sup.startChild(TestWorker.spec("a", journal));

        assertThatThrownBy(() -> sup.server().call("hello"))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOf(SupervisorException.class)
                .hasMessageContaining("hello");
        sup.server().cast("hello");
        sup.server().send("hello again");

        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(a);
    }

    @Test
    void anExitSignalFromAStrangerIsIgnored() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));
        Pid a = journal.awaitStart("a");

        Proc.exit(sup.pid(), ExitReason.shutdown()); // not from its parent: a supervisor traps exits

        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(a);
    }

    @Test
    void anEnormousShutdownTimeoutWaitsLikeInfinity() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)
                .withShutdown(Shutdown.timeout(Duration.ofSeconds(Long.MAX_VALUE)))));
        Pid a = journal.awaitStart("a");

        sup.terminateChild("a");

        assertThat(awaitExit(a)).isEqualTo(ExitReason.shutdown());
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(1, 0, 0, 1));
    }

    @Test
    void anEnormousRestartPeriodIsAnEverlastingWindow() throws Exception {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withIntensity(1, forever),
                List.of(TestWorker.spec("a", journal)));
        DynamicSupervisorRef dynamic = supervisors.startDynamic(
                DynamicSupervisorOptions.defaults().withIntensity(1, forever));
        Pid a = journal.awaitStart("a");
        Proc.exit(a, ExitReason.of("boom"));
        journal.awaitStop("a");

        a = journal.awaitStart("a");
        Proc.exit(a, ExitReason.of("boom"));

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(dynamic.countChildren().active()).isZero();
    }

    @Test
    void aChildStartThatThrowsAnErrorStillStopsTheChildrenBeforeTheStartFails() {
        List<ChildSpec> children = List.of(TestWorker.spec("a", journal), TestWorker.spec("b", journal),
                ChildSpec.worker("c", () -> {
                    throw new ExceptionInInitializerError("static init failed (on purpose)");
                }));

        assertThatThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), children))
                .isInstanceOf(StartException.class)
                .hasMessageContaining("child c failed to start");
        assertThat(journal.history()).containsExactly("start a", "start b", "stop b shutdown", "stop a shutdown");
    }

    @Test
    void aStartChildThatThrowsAnErrorIsRefusedLikeAnyFailedStart() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));
        Pid a = journal.awaitStart("a");

        assertThatThrownBy(() -> sup.startChild(ChildSpec.worker("c", () -> {
            throw new ExceptionInInitializerError("static init failed (on purpose)");
        })))
                .isInstanceOf(SupervisorException.class)
                .hasMessageStartingWith("child c failed to start: ")
                .hasCauseInstanceOf(ExceptionInInitializerError.class);
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(a);
    }
}
