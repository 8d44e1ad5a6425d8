package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.keeper.Keeper;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kill that lands while the worker computes (a callback that neither waits nor receives) leaves the thread's
 * interrupt flag set. It must not reach the restart: a keeper that blocks in {@link Keeper#restore} (a replicated
 * one will) used to be interrupted there, and the server stopped with "could not restart its worker" instead of
 * restarting.
 */
class RestoreNotInterruptedTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    /** Computes until interrupted, then returns normally: the kill is seen only at the next receive. */
    record Compute(CountDownLatch started) {
    }

    /** A counter whose {@code Compute} cast spins until its thread is interrupted. */
    static final class Spinner implements Dispatcher<Integer> {
        @Override
        public Result<Integer> init(Object argument) {
            return Next.of((Integer) argument);
        }

        @Override
        public Result<Integer> handleCall(Object request, From<Object> from, Integer n) {
            return Reply.of(n, n);
        }

        @Override
        public Result<Integer> handleCast(Object request, Integer n) {
            if (request instanceof Compute(CountDownLatch started)) {
                started.countDown();
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                return Next.of(n + 1);
            }
            return Next.of(n + (Integer) request);
        }
    }

    /** Keeps the state in a field, and waits interruptibly in restore, as a replicated keeper would. */
    static final class BlockingKeeper implements Keeper<Object> {
        final AtomicInteger restores = new AtomicInteger();
        private volatile Object state;

        @Override
        public void keep(Object state) {
            this.state = state;
        }

        @Override
        public Object restore() {
            try {
                new CountDownLatch(0).await(); // throws at once if the thread comes interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("restore was interrupted", e);
            }
            restores.incrementAndGet();
            return state;
        }
    }

    @Test
    void aKillDuringACallbackRestartsTheWorkerWithAnUninterruptedRestore() throws Exception {
        BlockingKeeper keeper = new BlockingKeeper();
        PeeperRef ref = peepers.start(Spinner::new, 10, PeeperOptions.defaults().withKeeper(name -> keeper));
        ref.cast(5);
        assertThat(ref.<Integer>call("get")).isEqualTo(15);
        Pid worker = ref.worker();
        CountDownLatch started = new CountDownLatch(1);
        ref.cast(new Compute(started));
        assertThat(started.await(Peepers.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();

        Proc.exit(worker, ExitReason.kill());

        Peepers.awaitExit(worker);
        assertThat(ref.<Integer>call("get")).as("restarted from the kept state").isIn(15, 16);
        assertThat(keeper.restores).hasValue(1);
        assertThat(Proc.isAlive(ref.pid())).isTrue();
    }
}
