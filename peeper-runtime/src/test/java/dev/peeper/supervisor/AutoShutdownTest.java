package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A supervisor that stops by itself when its significant children end (OTP's {@code auto_shutdown}). */
@Timeout(30)
class AutoShutdownTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    private ChildSpec significant(Object id, Restart restart) {
        return TestWorker.spec(id, journal).withRestart(restart).withSignificant(true);
    }

    private static void endNormally(Pid pid) {
        ServerRef.of(pid).cast(new TestWorker.StopWith(ExitReason.normal()));
    }

    @Test
    void anySignificantStopsTheSupervisorWhenOneSignificantChildEnds() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT),
                List.of(TestWorker.spec("a", journal), significant("s", Restart.TRANSIENT),
                        significant("t", Restart.TRANSIENT), TestWorker.spec("c", journal)));
        List<Pid> pids = journal.awaitStarts("a", "s", "t", "c");

        endNormally(pids.get(1));

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(journal.history()).containsExactly("start a", "start s", "start t", "start c",
                "stop s normal", "stop c shutdown", "stop t shutdown", "stop a shutdown");
    }

    @Test
    void allSignificantStopsTheSupervisorOnlyWhenEverySignificantChildHasEnded() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withAutoShutdown(AutoShutdown.ALL_SIGNIFICANT),
                List.of(TestWorker.spec("a", journal), significant("s", Restart.TRANSIENT),
                        significant("t", Restart.TRANSIENT)));
        List<Pid> pids = journal.awaitStarts("a", "s", "t");
        ExitWatch sEnds = ExitWatch.on(pids.get(1));

        endNormally(pids.get(1));

        assertThat(sEnds.await()).isEqualTo(ExitReason.normal());
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(3, 2, 0, 3)); // still running, s kept as a spec
        endNormally(pids.get(2));
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(journal.history()).containsExactly("start a", "start s", "start t",
                "stop s normal", "stop t normal", "stop a shutdown");
    }

    @Test
    void aSignificantTransientChildThatCrashesIsRestartedInstead() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT),
                List.of(significant("s", Restart.TRANSIENT)));
        Pid s = journal.awaitStart("s");

        ServerRef.of(s).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("s")).isInstanceOf(ExitReason.Crash.class);
        Pid newS = journal.awaitStart("s");
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(newS);
        assertThat(Proc.isAlive(sup.pid())).isTrue();
    }

    @Test
    void aSignificantTemporaryChildEndsTheSupervisorWhateverItsReason() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT),
                List.of(TestWorker.spec("a", journal), significant("s", Restart.TEMPORARY)));
        List<Pid> pids = journal.awaitStarts("a", "s");

        ServerRef.of(pids.get(1)).cast(TestWorker.CRASH);

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(journal.history()).containsExactly("start a", "start s", "stop s crash", "stop a shutdown");
    }

    @Test
    void terminatingASignificantChildOnPurposeDoesNotStopTheSupervisor() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT),
                List.of(TestWorker.spec("a", journal), significant("s", Restart.TRANSIENT)));
        journal.awaitStarts("a", "s");

        sup.terminateChild("s");

        assertThat(journal.awaitStop("s")).isEqualTo(ExitReason.shutdown());
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 1, 0, 2));
        assertThat(Proc.isAlive(sup.pid())).isTrue();
    }

    @Test
    void nonSignificantChildrenEndingDoNotStopTheSupervisor() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT),
                List.of(TestWorker.spec("t", journal).withRestart(Restart.TRANSIENT),
                        significant("s", Restart.TRANSIENT)));
        Pid t = journal.awaitStart("t");
        ExitWatch tEnds = ExitWatch.on(t);

        endNormally(t);

        tEnds.await();
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 1, 0, 2));
    }

    @Test
    void aSupervisorWithoutAutoShutdownRefusesASignificantChild() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of());

        assertThatThrownBy(() -> sup.startChild(significant("s", Restart.TRANSIENT)))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("child s is significant but the supervisor's autoShutdown is NEVER; make it not "
                        + "significant or use another AutoShutdown");
        assertThat(sup.countChildren().specs()).isZero();
        assertThat(journal.unread()).isEmpty();
    }

    @Test
    void aSignificantChildCanBeAddedLaterToASupervisorWithAutoShutdown() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .withIntensity(1, Duration.ofMinutes(1)), List.of(TestWorker.spec("a", journal)));
        journal.awaitStart("a");

        Pid s = sup.startChild(significant("s", Restart.TRANSIENT));
        endNormally(s);

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());
        assertThat(journal.history()).containsExactly("start a", "start s", "stop s normal", "stop a shutdown");
    }
}
