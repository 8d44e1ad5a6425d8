package dev.peeper.bench.scenario;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedTransferQueue;
import java.util.function.IntSupplier;

/**
 * An operation run by a bare virtual thread of its own: the caller hands it the request and waits for the answer to
 * be handed back. Those two hand-offs are what any server on a virtual thread adds to the work it does for a
 * caller, with nothing else of Peeper's (no mailbox, no keeper, no checks): the floor under a Peeper call that does
 * the same work.
 */
final class VirtualThreadHop implements AutoCloseable {
    private final LinkedTransferQueue<CompletableFuture<Integer>> requests = new LinkedTransferQueue<>();
    private final Thread worker;

    VirtualThreadHop(IntSupplier operation) {
        worker = Thread.ofVirtual().name("bench-hop").start(() -> {
            try {
                while (true) {
                    CompletableFuture<Integer> request = requests.take();
                    try {
                        request.complete(operation.getAsInt());
                    } catch (RuntimeException e) {
                        request.completeExceptionally(e);
                    }
                }
            } catch (InterruptedException closed) {
                // close(): the worker ends
            }
        });
    }

    /** Runs the operation on the worker and answers what it answered. */
    int run() {
        CompletableFuture<Integer> request = new CompletableFuture<>();
        requests.add(request);
        return request.join();
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
