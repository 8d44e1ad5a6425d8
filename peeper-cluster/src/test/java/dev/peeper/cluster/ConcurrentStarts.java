package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Starts of one name raced from every member at once: what a test of "one name, one server" provokes. */
final class ConcurrentStarts {
    /** How many starts each member makes, each on a virtual thread of its own. */
    static final int PER_MEMBER = 3;

    private ConcurrentStarts() {
    }

    /**
     * Runs {@code start} {@value #PER_MEMBER} times on each of {@code members}, all released together, asserts that
     * every start answered the same pid, and returns it.
     *
     * <pre>{@code
     * Pid one = ConcurrentStarts.fromEveryMember(members, member -> member.startOnOwner("the-one", COUNTER, TIMEOUT));
     * }</pre>
     */
    static Pid fromEveryMember(List<PeeperCluster> members, Function<PeeperCluster, Pid> start) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Pid>> starts = new ArrayList<>();
        for (PeeperCluster member : members) {
            for (int i = 0; i < PER_MEMBER; i++) {
                CompletableFuture<Pid> started = new CompletableFuture<>();
                starts.add(started);
                Thread.ofVirtual().start(() -> {
                    try {
                        go.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        started.complete(start.apply(member));
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                });
            }
        }
        go.countDown();

        Pid first = await(starts.get(0));
        for (CompletableFuture<Pid> started : starts) {
            assertThat(await(started)).isEqualTo(first);
        }
        return first;
    }
}
