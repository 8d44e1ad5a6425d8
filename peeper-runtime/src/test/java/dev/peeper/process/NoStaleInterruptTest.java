package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.internal.Host;
import dev.peeper.process.internal.InternalProc;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kill is delivered by interrupting the process's thread; the interrupt must not outlive the body. The end's
 * hooks (clean-ups, a host's {@code delegateEnded}, {@code whenExited} actions) may block, and must not find a
 * stale interrupt, nor be interrupted by a signal that comes once the body is over.
 */
class NoStaleInterruptTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    @Test
    void aKillDuringComputationLeavesNoInterruptForTheEndsHooks() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(() -> {
            computing.countDown();
            while (!Thread.currentThread().isInterrupted()) { // a callback that never waits nor receives
                Thread.onSpinWait();
            }
        });
        InternalProc.onExit(pid, () -> seen.add("clean-up interrupted: " + Thread.currentThread().isInterrupted()));
        Proc.whenExited(pid).thenRun(() -> seen.add("action interrupted: " + Thread.currentThread().isInterrupted()));
        assertThat(computing.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();

        Proc.exit(pid, ExitReason.kill());

        assertThat(Inbox.awaitExit(pid)).isEqualTo(ExitReason.killed());
        assertThat(seen.next()).isEqualTo("clean-up interrupted: false");
        assertThat(seen.next()).isEqualTo("action interrupted: false");
    }

    @Test
    void aHostHearsOfItsKilledDelegateWithNoInterrupt() throws Exception {
        Inbox seen = new Inbox();
        CountDownLatch computing = new CountDownLatch(1);
        Pid[] delegate = new Pid[1];
        Pid[] server = new Pid[1];
        Host host = new Host() {
            @Override
            public void exitSignalled(ExitReason reason) {
                Proc.exit(delegate[0], ExitReason.kill());
            }

            @Override
            public void delegateEnded(Pid ended, ExitReason reason) {
                seen.add("delegateEnded interrupted: " + Thread.currentThread().isInterrupted());
                Host.end(server[0], reason);
            }
        };
        server[0] = Host.spawn(host, SpawnOptions.defaults());
        delegate[0] = Host.spawnDelegate(server[0], () -> {
            computing.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        });
        assertThat(computing.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();

        Proc.exit(server[0], ExitReason.kill());

        assertThat(seen.next()).isEqualTo("delegateEnded interrupted: false");
        assertThat(Inbox.awaitExit(server[0])).isEqualTo(ExitReason.killed());
    }

    @Test
    void aSignalAfterTheBodyEndedDoesNotInterruptTheCleanUps() throws Exception {
        assertThat(killDuringTheEnd(() -> { })).as("the body's own reason stands").isEqualTo(ExitReason.normal());
    }

    @Test
    void aSignalAfterTheBodyThrewDoesNotReplaceTheCrash() throws Exception {
        IllegalStateException crash = new IllegalStateException("the body's own crash (thrown on purpose by a test)");

        assertThat(killDuringTheEnd(() -> {
            throw crash;
        })).as("the crash stands").isEqualTo(ExitReason.crash(crash));
    }

    /**
     * Runs a process whose body ends with {@code ending}, kills it while a clean-up of its end waits, and checks that
     * the clean-up was not interrupted; returns the reason the process ended with.
     */
    private ExitReason killDuringTheEnd(ProcessBody ending) throws Exception {
        CountDownLatch inCleanup = new CountDownLatch(1);
        CountDownLatch finishCleanup = new CountDownLatch(1);
        Inbox seen = new Inbox();
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = processes.spawn(() -> {
            release.await();
            ending.run();
        });
        InternalProc.onExit(pid, () -> {
            inCleanup.countDown();
            try {
                seen.add("released: " + finishCleanup.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                seen.add("interrupted");
            }
        });
        release.countDown();
        assertThat(inCleanup.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();

        Proc.exit(pid, ExitReason.kill());
        finishCleanup.countDown();

        assertThat(seen.next()).isEqualTo("released: true");
        return Inbox.awaitExit(pid);
    }
}
