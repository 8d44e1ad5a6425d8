package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which exits a child is restarted after: permanent always, transient after a crash only, temporary never. */
@Timeout(30)
class RestartTypeTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    /** Every way a child ends in these tests: normal and shutdown ones, then abnormal ones. */
    static List<ExitReason> endings() {
        return List.of(ExitReason.normal(), ExitReason.shutdown(), ExitReason.shutdown("done"),
                ExitReason.of("boom"), ExitReason.crash(new TestWorker.Boom("crash (on purpose)")));
    }

    /** A supervisor with a permanent child "keep" and the child "x" of the given restart type. */
    private SupervisorRef supervise(Restart restart) {
        return supervisors.start(SupervisorFlags.oneForOne().withIntensity(5, Duration.ofMinutes(1)), List.of(
                TestWorker.spec("keep", journal),
                TestWorker.spec("x", journal).withRestart(restart)));
    }

    /** Makes child {@code x} (at {@code pid}) end with {@code reason} on its own. */
    private static void end(Pid pid, ExitReason reason) {
        ServerRef.of(pid).cast(new TestWorker.StopWith(reason));
    }

    @ParameterizedTest
    @MethodSource("endings")
    void aPermanentChildIsAlwaysRestarted(ExitReason reason) throws Exception {
        SupervisorRef sup = supervise(Restart.PERMANENT);
        Pid keep = journal.awaitStart("keep");
        Pid x = journal.awaitStart("x");

        end(x, reason);

        assertThat(journal.awaitStop("x")).isEqualTo(reason);
        Pid newX = journal.awaitStart("x");
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(keep, newX);
    }

    @ParameterizedTest
    @MethodSource("endings")
    void aTransientChildIsRestartedOnlyAfterAnAbnormalExit(ExitReason reason) throws Exception {
        SupervisorRef sup = supervise(Restart.TRANSIENT);
        Pid keep = journal.awaitStart("keep");
        Pid x = journal.awaitStart("x");
        ExitWatch exit = ExitWatch.on(x);

        end(x, reason);

        assertThat(journal.awaitStop("x")).isEqualTo(reason);
        assertThat(exit.await()).isEqualTo(reason);
        if (reason.isNormalOrShutdown()) {
            // not restarted; its spec stays, without a process, for restartChild
            assertThat(sup.whichChildren()).containsExactly(
                    new ChildInfo("keep", keep, ChildType.WORKER, Restart.PERMANENT),
                    new ChildInfo("x", null, ChildType.WORKER, Restart.TRANSIENT));
            assertThat(journal.unread()).isEmpty();
            Pid restarted = sup.restartChild("x");
            assertThat(journal.awaitStart("x")).isEqualTo(restarted);
        } else {
            Pid newX = journal.awaitStart("x");
            assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(keep, newX);
        }
    }

    @Test
    void aTransientChildKilledOutrightIsRestarted() throws Exception {
        SupervisorRef sup = supervise(Restart.TRANSIENT);
        Pid keep = journal.awaitStart("keep");
        Pid x = journal.awaitStart("x");

        Proc.exit(x, ExitReason.kill());

        Pid newX = journal.awaitStart("x");
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(keep, newX);
    }

    @ParameterizedTest
    @MethodSource("endings")
    void aTemporaryChildIsNeverRestartedAndItsSpecIsForgotten(ExitReason reason) throws Exception {
        SupervisorRef sup = supervise(Restart.TEMPORARY);
        Pid keep = journal.awaitStart("keep");
        Pid x = journal.awaitStart("x");
        ExitWatch exit = ExitWatch.on(x);

        end(x, reason);

        assertThat(exit.await()).isEqualTo(reason);
        assertThat(sup.whichChildren()).containsExactly(
                new ChildInfo("keep", keep, ChildType.WORKER, Restart.PERMANENT));
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(1, 1, 0, 1));
        assertThat(journal.history()).containsExactly("start keep", "start x", "stop x " + reason(reason));
    }

    @Test
    void exitsThatAreNotRestartedDoNotCountTowardsTheIntensity() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withIntensity(0, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("t", journal).withRestart(Restart.TRANSIENT),
                        TestWorker.spec("tmp", journal).withRestart(Restart.TEMPORARY)));
        Pid t = journal.awaitStart("t");
        Pid tmp = journal.awaitStart("tmp");
        ExitWatch tExit = ExitWatch.on(t);
        ExitWatch tmpExit = ExitWatch.on(tmp);

        end(t, ExitReason.normal());
        ServerRef.of(tmp).cast(TestWorker.CRASH);

        tExit.await();
        tmpExit.await();
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(1, 0, 0, 1));
        assertThat(Proc.isAlive(sup.pid())).isTrue();
    }

    private static String reason(ExitReason reason) {
        return reason instanceof ExitReason.Crash ? "crash" : reason.toString();
    }
}
