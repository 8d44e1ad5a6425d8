package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.peeper.process.internal.InternalProc;
import dev.peeper.registry.Registry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented order of a process's end holds whenever the question is asked: {@code whenExited} asked while the
 * process is ending completes only after its clean-ups (its names are free), links and monitors, and
 * {@code demonitorAndFlush} leaves no {@link Down} behind.
 */
class ExitOrderingTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    @Test
    void whenExitedAskedWhileTheProcessEndsWaitsForTheRestOfTheEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inCleanup = new CountDownLatch(1);
        CountDownLatch finishCleanup = new CountDownLatch(1);
        CountDownLatch readMailbox = new CountDownLatch(1);
        Inbox seen = new Inbox();
        Pid pid = processes.spawn(release::await);
        Pid watcher = processes.spawn(() -> {
            Proc.monitor(pid);
            seen.add("watching");
            readMailbox.await(); // until then its Down stays in the mailbox, where the test counts it
            seen.forwardAll();
        });
        assertThat(seen.next()).isEqualTo("watching");
        InternalProc.onExit(pid, () -> {
            inCleanup.countDown();
            awaitUninterruptibly(finishCleanup);
        });
        release.countDown();
        assertThat(inCleanup.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        assertThat(Proc.isAlive(pid)).isFalse();

        CompletableFuture<ExitReason> askedWhileEnding = Proc.whenExited(pid);

        assertThat(askedWhileEnding).as("complete while a clean-up still runs").isNotDone();
        finishCleanup.countDown();
        assertThat(askedWhileEnding.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isEqualTo(ExitReason.normal());
        assertThat(Proc.mailboxLength(watcher)).as("the Down is in the watcher's mailbox by then").isEqualTo(1);
        readMailbox.countDown();
        assertThat(seen.next()).isInstanceOf(Down.class);
    }

    @Test
    void demonitorAndFlushWhileTheTargetEndsLeavesNoDown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inCleanup = new CountDownLatch(1);
        CountDownLatch finishCleanup = new CountDownLatch(1);
        // nobody asks for the target's whenExited before its end: one asked before completes last anyway. Its
        // thread is how the test knows the end is over (Downs sent) without asking
        CompletableFuture<Thread> targetThread = new CompletableFuture<>();
        Pid target = processes.spawn(() -> {
            targetThread.complete(Thread.currentThread());
            release.await();
        });
        InternalProc.onExit(target, () -> {
            inCleanup.countDown();
            awaitUninterruptibly(finishCleanup);
        });
        CountDownLatch monitored = new CountDownLatch(1);
        CountDownLatch flush = new CountDownLatch(1);
        CompletableFuture<Boolean> flushed = new CompletableFuture<>();
        Inbox seen = new Inbox();
        Pid watcher = processes.spawn(() -> {
            MonitorRef ref = Proc.monitor(target);
            monitored.countDown();
            flush.await();
            flushed.complete(Proc.demonitorAndFlush(ref));
            seen.forwardAll();
        });
        assertThat(monitored.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        release.countDown();
        assertThat(inCleanup.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue(); // monitors taken out

        flush.countDown();
        // the flush must wait for the Down still to come: let the end go on once it waits, or once it has returned
        awaitCondition(() -> flushed.isDone() || Proc.whenExited(target).getNumberOfDependents() > 0);
        finishCleanup.countDown();
        targetThread.get().join(Inbox.TIMEOUT.toMillis());
        assertThat(targetThread.get().isAlive()).as("the target's thread has finished its end").isFalse();

        assertThat(flushed.get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).as("removed before it fired").isFalse();
        seen.assertStillServing(watcher); // no Down came before the ping
    }

    @Test
    void demonitorAndFlushAfterDemonitorReturnsAtOnce() throws Exception {
        Pid target = processes.spawn(Proc::receive);
        Inbox seen = new Inbox();
        processes.spawn(() -> {
            MonitorRef ref = Proc.monitor(target);
            seen.add("demonitor: " + Proc.demonitor(ref));
            seen.add("flush: " + Proc.demonitorAndFlush(ref));
            seen.forwardAll();
        });

        assertThat(seen.next()).isEqualTo("demonitor: true");
        assertThat(seen.next()).as("returned while the target lives").isEqualTo("flush: false");
        assertThat(Proc.isAlive(target)).isTrue();
    }

    /** What {@code stop()} of a named server does, many times, racing the end: the name is free once it returns. */
    @Test
    void aNameIsFreeOnceWhenExitedCompletesHoweverLateItIsAsked() throws Exception {
        StressBudget budget = StressBudget.start();
        String name = "ordering-" + UUID.randomUUID();
        while (budget.more()) {
            CountDownLatch registered = new CountDownLatch(1);
            Pid pid = Proc.spawn(() -> {
                Registry.register(name, Proc.self());
                registered.countDown();
                Proc.receive();
            });
            assertThat(registered.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
            Proc.send(pid, "stop");
            while (Proc.isAlive(pid)) {
                Thread.onSpinWait();
            }
            Proc.whenExited(pid).get(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            assertThat(Registry.whereis(name)).as("round %d", budget.rounds()).isEmpty();
        }
    }

    /** demonitorAndFlush racing the target's end, many times: no Down is ever left behind. */
    @Test
    void demonitorAndFlushRacingTheEndNeverLeavesADown() throws Exception {
        StressBudget budget = StressBudget.start();
        while (budget.more()) {
            CompletableFuture<Thread> targetThread = new CompletableFuture<>();
            Pid target = Proc.spawn(() -> {
                targetThread.complete(Thread.currentThread());
                Proc.receive();
            });
            Inbox seen = new Inbox();
            Pid watcher = Proc.spawn(() -> {
                MonitorRef ref = Proc.monitor(target);
                Proc.send(target, "stop");
                while (Proc.isAlive(target)) {
                    Thread.onSpinWait();
                }
                Proc.demonitorAndFlush(ref);
                targetThread.join().join(); // its end is over: every Down it sends is sent
                seen.add(Proc.receive(Duration.ZERO));
            });
            Object left = seen.next();
            assertThat(left).as("round %d", budget.rounds()).isSameAs(Inbox.NOTHING);
            Inbox.awaitExit(watcher);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean done = false;
        while (!done) {
            try {
                if (!latch.await(Inbox.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                    fail("never released");
                }
                done = true;
            } catch (InterruptedException e) {
                // a test latch: its release is what we wait for
            }
        }
    }

    /** Polls {@code condition} until it holds, failing after {@link Inbox#TIMEOUT}. */
    static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Inbox.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                fail("the condition did not hold within " + Inbox.TIMEOUT);
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
