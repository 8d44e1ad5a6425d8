package dev.peeper.bench.scenario;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.server.CallException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Failover time: a Peeper server kept by {@code ClusterKeepers.synchronous} on a 3-member cluster in this JVM, its
 * count raised by an acknowledged call; then its member killed (terminated: its sockets close with no goodbye, as
 * a SIGKILL does), and the clock runs until a call by name from a survivor is answered with that count by the
 * server started again on the name's new owner. Repeated: after each kill a new member joins and the partitions
 * settle before the next kill, which hits wherever the server runs then. A round in which the server was not on the
 * killed member (a handoff had just moved it) is not timed: it is skipped, printed and counted; each timed round is
 * printed, with when the survivors heard of the removal ({@link RemovalClock}). Failure detection is
 * {@code ClusterOptions}' default (heartbeat 1 s; a member whose connection closes is removed at once, a silent one
 * after 5 s).
 *
 * <p>The killed member is terminated on a thread of its own, and the calls start as soon as its engine has stopped
 * running: {@code terminate()} may return seconds after the member is gone for the others. On the cluster's master
 * it waits up to 3 s (Hazelcast's {@code ExecutionServiceImpl.AWAIT_TIME}) for a task still running on its executor,
 * typically the split-brain search, which polls each listed address that is not a member for up to 5 s. A round
 * whose clock ran on while the caller's thread waited for that measured the benchmark's kill, not the failover: in
 * one round that killed the master, {@code terminate()} returned after 3,034 ms, while a call by name made meanwhile
 * from a survivor was answered 23.5 ms after the kill.
 */
final class ClusterFailover {
    private static final String SERVER = "bench-failover";

    private ClusterFailover() {
    }

    static void run(int warmup, int kills) {
        long[] took = new long[kills];
        int lost = 0;
        int skipped = 0;
        try (LoopbackCluster cluster = new LoopbackCluster(5)) {
            cluster.start(3);
            cluster.running().get(0).startOnOwner(SERVER, ClusterStarters.peeper(HandCounter::new, 0),
                    LoopbackCluster.TIMEOUT);
            for (int round = 0, timed = 0; timed < kills; round++) {
                List<PeeperCluster> members = cluster.running();
                Pid pid = holder(members.get(0));
                PeeperCluster home = members.stream().filter(m -> m.isHere(pid)).findFirst().orElseThrow();
                List<PeeperCluster> survivors = members.stream().filter(m -> m != home).toList();
                PeeperCluster caller = survivors.get(0);
                ServerRef byName = ServerRef.named(caller.name(SERVER));
                int acknowledged = caller.callAs(() -> byName.<Integer>call(new Msg.AddAndGet(1)));

                try (RemovalClock removals = new RemovalClock(survivors)) {
                    Pid before = caller.names().whereis(SERVER); // a handoff may have moved it since
                    boolean onKilled = before != null && home.isHere(before);
                    long start = System.nanoTime();
                    Killing killing = Killing.start(cluster, home);
                    int restored = answered(caller, byName);
                    long elapsed = System.nanoTime() - start;
                    long terminated = killing.await() - start;
                    Pid after = caller.names().whereis(SERVER);
                    lost += Math.max(0, acknowledged - restored);
                    if (!onKilled || before.equals(after)) {
                        skipped++; // the server was not on the killed member: no failover to time
                        System.err.printf(Locale.ROOT, "failover round %d skipped after %.1f ms: %s ran when %s was "
                                + "killed (terminated after %.1f ms), %s answered%n", round, elapsed / 1e6, before,
                                home.node(), terminated / 1e6, after);
                        if (skipped > kills) {
                            throw new IllegalStateException("failover: " + skipped + " rounds skipped, more than the "
                                    + kills + " to time");
                        }
                    } else if (round >= warmup) {
                        took[timed++] = elapsed;
                        // each round, for the outliers: the figures keep only the percentiles
                        System.err.printf(Locale.ROOT, "failover round %d: %.1f ms (removed after %.1f ms, terminated "
                                + "after %.1f ms), %s to %s%n", round, elapsed / 1e6,
                                (removals.removedAt() - start) / 1e6, terminated / 1e6, before, after);
                    }
                }

                cluster.startMember();
                cluster.awaitFormed();
                cluster.awaitSafe();
            }
        }
        Arrays.sort(took);
        Scenarios.result("failover.kills", kills);
        Scenarios.result("failover.lost", lost);
        Scenarios.result("failover.skipped", skipped);
        Scenarios.result("failover.p50.ms", CrashRecovery.percentile(took, 50) / 1e6);
        Scenarios.result("failover.p99.ms", CrashRecovery.percentile(took, 99) / 1e6);
        Scenarios.result("failover.max.ms", took[kills - 1] / 1e6);
        Scenarios.result("failover.min.ms", took[0] / 1e6);
    }

    /**
     * A member being terminated on a thread of its own: {@link #start} returns once its engine has stopped running
     * (it serves nothing more), while {@code terminate()} may go on for seconds, waiting for its executors' tasks.
     *
     * @param returned completes with when {@code terminate()} returned, on {@link System#nanoTime()}'s clock
     */
    private record Killing(CompletableFuture<Long> returned) {
        static Killing start(LoopbackCluster cluster, PeeperCluster member) {
            CompletableFuture<Long> returned = CompletableFuture.supplyAsync(() -> {
                cluster.kill(member);
                return System.nanoTime();
            }, task -> Thread.ofVirtual().name("failover-kill").start(task));
            long deadline = System.nanoTime() + LoopbackCluster.TIMEOUT.toNanos();
            while (member.hazelcast().getLifecycleService().isRunning() && !returned.isDone()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(member + " still ran " + LoopbackCluster.TIMEOUT + " after it was "
                            + "terminated");
                }
                LockSupport.parkNanos(100_000); // isRunning() turns false early in terminate(), before its waits
            }
            return new Killing(returned);
        }

        /**
         * Waits (bounded) until {@code terminate()} has returned and the cluster's lists are updated.
         *
         * @return when it returned, on {@link System#nanoTime()}'s clock
         */
        long await() {
            try {
                return returned.get(LoopbackCluster.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("terminating a member took more than " + LoopbackCluster.TIMEOUT, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("terminating a member failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a member was terminated", e);
            }
        }
    }

    /**
     * The pid holding the server's name, waiting (bounded) while it has none: the member that joined after the last
     * kill may have taken the name's partition, and the server is then being handed over to it.
     */
    private static Pid holder(PeeperCluster member) {
        long deadline = System.nanoTime() + LoopbackCluster.TIMEOUT.toNanos();
        for (Pid pid; ; LockSupport.parkNanos(1_000_000)) {
            if ((pid = member.names().whereis(SERVER)) != null) {
                return pid;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(SERVER + " had no holder within " + LoopbackCluster.TIMEOUT);
            }
        }
    }

    /** Calls by name until the server answers; each failure meanwhile (no holder yet, caller told) is a step. */
    static int answered(PeeperCluster caller, ServerRef byName) {
        long deadline = System.nanoTime() + LoopbackCluster.TIMEOUT.toNanos();
        while (true) {
            try {
                return caller.callAs(() -> byName.<Integer>call(new Msg.Get(), Duration.ofMillis(500)));
            } catch (NoProcessException | CallException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the server did not come back within " + LoopbackCluster.TIMEOUT, e);
                }
                LockSupport.parkNanos(1_000_000); // leave the cores to the failover being timed
            }
        }
    }
}
