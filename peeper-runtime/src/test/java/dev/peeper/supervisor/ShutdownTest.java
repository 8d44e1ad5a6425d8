package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How children are stopped: brutal kill, shutdown with a timeout and then kill, or shutdown and wait. */
@Timeout(30)
class ShutdownTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();
    /** Holds the {@code terminate} of a stubborn worker; released after each test whatever happened. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseStubbornWorkers() {
        release.countDown();
    }

    private ChildSpec stubborn(Object id, Shutdown shutdown) {
        return ChildSpec.worker(id, TestWorker.start(id, journal, TestWorker.Config.DEFAULT.holdingTerminate(release)))
                .withShutdown(shutdown);
    }

    @Test
    void brutalKillEndsTheChildAtOnceWithoutItsTerminate() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal).withShutdown(Shutdown.brutalKill()), TestWorker.spec("b", journal)));
        Pid a = journal.awaitStart("a");
        Pid b = journal.awaitStart("b");

        sup.terminateChild("a");

        assertThat(awaitExit(a)).isEqualTo(ExitReason.killed());
        assertThat(journal.unread()).isEmpty(); // no "stop a": terminate did not run
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(null, b);
    }

    @Test
    void aChildThatIgnoresItsShutdownIsKilledWhenTheTimeoutPasses() throws Exception {
        Duration timeout = Duration.ofMillis(100);
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                stubborn("slow", Shutdown.timeout(timeout))));
        Pid slow = journal.awaitStart("slow");

        long began = System.nanoTime();
        sup.terminateChild("slow");
        long took = System.nanoTime() - began;

        assertThat(journal.awaitStop("slow")).isEqualTo(ExitReason.shutdown()); // it was asked first
        assertThat(awaitExit(slow)).isEqualTo(ExitReason.killed()); // and killed after the timeout
        assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(timeout);
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(1, 0, 0, 1));
    }

    @Test
    void aChildThatStopsInTimeEndsWithShutdown() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("quick", journal).withShutdown(Shutdown.timeout(Duration.ofSeconds(30)))));
        Pid quick = journal.awaitStart("quick");

        sup.terminateChild("quick");

        assertThat(journal.awaitStop("quick")).isEqualTo(ExitReason.shutdown());
        assertThat(awaitExit(quick)).isEqualTo(ExitReason.shutdown());
    }

    @Test
    void aChildThatDoesNotTrapExitsEndsWithShutdownWithoutItsTerminate() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(ChildSpec.worker("plain",
                TestWorker.start("plain", journal, TestWorker.Config.DEFAULT.notTrappingExits()))));
        Pid plain = journal.awaitStart("plain");

        sup.terminateChild("plain");

        assertThat(awaitExit(plain)).isEqualTo(ExitReason.shutdown());
        assertThat(journal.unread()).isEmpty();
    }

    @Test
    void withInfinityTheSupervisorWaitsAsLongAsTheChildTakes() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                stubborn("patient", Shutdown.infinity())));
        Pid patient = journal.awaitStart("patient");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(sup::stop);

        assertThat(journal.awaitStop("patient")).isEqualTo(ExitReason.shutdown());
        // well past any timeout the other tests use, the supervisor still waits rather than kill
        assertThatThrownBy(() -> stopping.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(Proc.isAlive(patient)).isTrue();
        release.countDown();
        stopping.get(Journal.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(awaitExit(patient)).isEqualTo(ExitReason.shutdown());
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.normal());
    }

    @Test
    void aSupervisorStopWaitsForEachStubbornChildInTurn() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                stubborn("first", Shutdown.timeout(Duration.ofMillis(50))),
                stubborn("second", Shutdown.timeout(Duration.ofMillis(50)))));
        List<Pid> pids = journal.awaitStarts("first", "second");

        sup.stop();

        assertThat(journal.history()).containsExactly(
                "start first", "start second", "stop second shutdown", "stop first shutdown");
        assertThat(pids).allSatisfy(pid -> assertThat(awaitExit(pid)).isEqualTo(ExitReason.killed()));
    }

    @Test
    void killingTheSupervisorWhileItWaitsForAChildStillEndsIt() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                stubborn("patient", Shutdown.infinity())));
        Pid patient = journal.awaitStart("patient");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(sup::stop);
        assertThat(journal.awaitStop("patient")).isEqualTo(ExitReason.shutdown());

        Proc.exit(sup.pid(), ExitReason.kill());

        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.killed());
        assertThat(stopping).failsWithin(Journal.TIMEOUT);
        release.countDown();
        assertThat(awaitExit(patient)).isEqualTo(ExitReason.shutdown());
    }
}
