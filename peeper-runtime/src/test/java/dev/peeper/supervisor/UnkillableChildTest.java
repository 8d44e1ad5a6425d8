package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Inbox;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A supervisor never hangs for ever on a child that will not die: a child in a loop that never waits nor receives
 * survives its kill (a JVM thread cannot be stopped there), and the supervisor, after a grace, leaves it behind and
 * carries on. Before, terminating such a child, or stopping its supervisor, never returned.
 */
@Timeout(30)
class UnkillableChildTest {
    private static final Duration GRACE = Duration.ofMillis(200);

    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    /** Set after each test: the stubborn loops end, so nothing spins past the test. */
    private volatile boolean released;
    private final List<Pid> stubborn = new CopyOnWriteArrayList<>();

    @BeforeEach
    void shortGrace() {
        System.setProperty(ChildTerminator.KILL_GRACE_PROPERTY, String.valueOf(GRACE.toMillis()));
    }

    @AfterEach
    void releaseStubbornChildren() throws Exception {
        released = true;
        System.clearProperty(ChildTerminator.KILL_GRACE_PROPERTY);
        for (Pid pid : stubborn) {
            Proc.exit(pid, ExitReason.kill());
            Proc.awaitExit(pid, Inbox.TIMEOUT);
        }
    }

    /**
     * A child that, on its first start, computes until the test is over, never waiting nor receiving: its kill cannot
     * stop it. Restarted, it receives like any process (two spinners would take both carriers of a 2-core machine).
     */
    private ChildSpec unkillable(Object id, Shutdown shutdown) {
        return ChildSpec.worker(id, () -> {
            if (!stubborn.isEmpty()) {
                Pid plain = Proc.spawnLink(Proc::receive);
                stubborn.add(plain);
                return plain;
            }
            Pid pid = Proc.spawnLink(() -> {
                while (!released) {
                    Thread.yield(); // lets the other processes run, yet never sees a signal
                }
            });
            stubborn.add(pid);
            return pid;
        }).withShutdown(shutdown);
    }

    @Test
    void terminatingAChildThatWillNotDieReturnsAfterTheGrace() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                unkillable("spinner", Shutdown.brutalKill())));
        Pid spinner = stubborn.get(0);

        CompletableFuture<Void> terminated = CompletableFuture.runAsync(() -> sup.terminateChild("spinner"));

        terminated.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        assertThat(Proc.isAlive(spinner)).as("left behind, still running").isTrue();
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly((Pid) null);
    }

    @Test
    void aSupervisorStopsPastAChildThatIgnoresShutdownAndKill() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                unkillable("spinner", Shutdown.timeout(Duration.ofMillis(100)))));

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(sup::stop);

        stopped.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        assertThat(Proc.awaitExit(sup.pid(), Inbox.TIMEOUT)).isEqualTo(ExitReason.normal());
    }

    @Test
    void aOneForAllRestartCarriesOnPastAChildThatWillNotDie() throws Exception {
        Journal journal = new Journal();
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForAll(), List.of(
                unkillable("spinner", Shutdown.brutalKill()), TestWorker.spec("worker", journal)));
        Pid oldSpinner = stubborn.get(0);
        Pid oldWorker = journal.awaitStart("worker");

        ServerRef.of(oldWorker).cast(TestWorker.CRASH);

        assertThat(journal.awaitStop("worker")).isInstanceOf(ExitReason.Crash.class);
        Pid newWorker = journal.awaitStart("worker"); // restarted: the spinner's stop did not hold the restart up
        assertThat(newWorker).isNotEqualTo(oldWorker);
        assertThat(stubborn).hasSize(2);
        assertThat(Proc.isAlive(oldSpinner)).as("the old spinner is left behind").isTrue();
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).containsExactly(stubborn.get(1), newWorker);
    }

    @Test
    void theGraceHasADefaultAndAProperty() {
        assertThat(ChildTerminator.killGrace()).isEqualTo(GRACE);
        System.clearProperty(ChildTerminator.KILL_GRACE_PROPERTY);
        assertThat(ChildTerminator.killGrace()).isEqualTo(ChildTerminator.DEFAULT_KILL_GRACE);
    }
}
