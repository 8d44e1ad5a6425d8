package dev.peeper.bench.targets;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The floor every process row is measured against: a bare virtual thread serving a {@link BareMailbox}; a call is a
 * message carrying a {@link CompletableFuture} the caller waits on. What any virtual-thread message passing costs
 * on this machine, before supervision, monitors, timeouts or dispatch.
 */
final class FloorTarget implements Target {
    private record Get(CompletableFuture<Integer> answer) {
    }

    private record Add(int by) {
    }

    private static final Object STOP = new Object();
    private static final Add ONE = new Add(1);

    private final BareMailbox mailbox = new BareMailbox();
    private final boolean timed;
    private final Thread server;

    FloorTarget(boolean timed) {
        this.timed = timed;
        this.server = Thread.ofVirtual().name("floor-counter").start(this::serve);
    }

    private void serve() {
        int count = 0;
        while (true) {
            Object message = mailbox.take();
            if (message instanceof Get get) {
                get.answer().complete(count);
            } else if (message instanceof Add add) {
                count += add.by();
            } else if (message == STOP) {
                return;
            }
        }
    }

    @Override
    public int call() {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        mailbox.put(new Get(answer));
        if (!timed) {
            return answer.join();
        }
        try {
            return answer.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the floor counter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the floor counter did not answer", e);
        }
    }

    @Override
    public void cast() {
        mailbox.put(ONE);
    }

    @Override
    public void close() {
        mailbox.put(STOP);
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
