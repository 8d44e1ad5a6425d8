package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.Sys;
import dev.peeper.supervisor.DynamicSupervisor;
import dev.peeper.supervisor.DynamicSupervisorOptions;
import dev.peeper.supervisor.DynamicSupervisorRef;
import dev.peeper.supervisor.Restart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kill storm of issue 9's "done when": random kills of workers and of whole servers, with concurrent calls,
 * casts, {@code Sys} requests (get state, statistics, suspend and resume), transfers and upgrades. At the end every
 * counter holds exactly what was acknowledged, and no process or name is left behind.
 *
 * <p>What "acknowledged" means, so the check is exact: a call that returned was applied once; a call that failed
 * was not (a worker dies only at a receive, the counter's handlers never block, so a kill never cuts a handled
 * message short); a cast to a server that is never moved nor killed as a whole is applied once (nothing may lose
 * it, item 1). Casts go only to such servers: one sent to a moved server's old pid is lost as any message to an
 * ended process is. Whole servers are killed on their own victims, since a killed server's state goes with it.
 *
 * <p>Runs for {@code -Dpeeper.stress.seconds} (3 by default, for CI; try 60).
 */
class KillStormStressTest {
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("peeper.stress.seconds", 3));
    private static final Duration CALL = Duration.ofSeconds(5);

    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();
    private final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final Set<Pid> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final AtomicLong kills = new AtomicLong();
    private final AtomicLong transfers = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong upgrades = new AtomicLong();
    private final AtomicLong victims = new AtomicLong();
    private long deadline;

    /** A counter and what was acknowledged to it. */
    private record Target(String name, boolean moves, AtomicLong acked, AtomicLong cast) {
        PeeperRef ref() {
            return PeeperRef.named(name);
        }
    }

    @Test
    void theStateIsExactlyWhatWasAcknowledgedAndNothingIsLeftBehind() throws Exception {
        DynamicSupervisorRef a = DynamicSupervisor.start(DynamicSupervisorOptions.defaults());
        DynamicSupervisorRef b = DynamicSupervisor.start(DynamicSupervisorOptions.defaults());
        peepers.track(a.pid());
        peepers.track(b.pid());
        List<Target> fixed = List.of(start(a, false), start(a, false));
        List<Target> moving = List.of(start(a, true), start(a, true));
        List<Target> all = new ArrayList<>(fixed);
        all.addAll(moving);
        Map<String, DynamicSupervisorRef> home = new ConcurrentHashMap<>();
        moving.forEach(target -> home.put(target.name(), a));

        deadline = System.nanoTime() + RUN.toNanos();
        List<CompletableFuture<Void>> storm = new ArrayList<>();
        for (Target target : all) {
            storm.add(loop("caller " + target.name(), () -> callAdd(target)));
        }
        for (Target target : fixed) {
            storm.add(loop("caster " + target.name(), () -> castAdds(target)));
            storm.add(loop("suspender " + target.name(), () -> suspendAndResume(target)));
        }
        storm.add(loop("poller", () -> poll(all)));
        storm.add(loop("killer", () -> killAWorker(all)));
        storm.add(loop("transferrer", () -> transfer(moving, home, a, b)));
        storm.add(loop("upgrader", () -> upgrade(all)));
        storm.add(loop("victims", () -> killAWholeServer(a)));
        for (CompletableFuture<Void> part : storm) { // each ends at the deadline, or within a call's timeout of it
            part.get(RUN.toNanos() + TimeUnit.MINUTES.toNanos(1), TimeUnit.NANOSECONDS);
        }
        assertThat(unexpected).as("unexpected failures").isEmpty();
        System.out.printf("kill storm of %s: %d worker kills, %d transfers (%d rolled back), %d upgrades, %d whole "
                + "servers killed, %s%n", RUN, kills.get(), transfers.get(), rolledBack.get(), upgrades.get(),
                victims.get(), all.stream().map(t -> t.acked() + " calls + " + t.cast() + " casts").toList());
        assertThat(kills.get()).as("the storm ran").isPositive();
        assertThat(transfers.get()).isPositive();
        assertThat(victims.get()).isPositive();

        for (Target target : all) {
            long expected = target.acked().get() + target.cast().get();
            assertThat(target.ref().<Integer>call(new Get(), CALL)).as(target.name()).isEqualTo((int) expected);
            assertThat(Sys.statistics(target.ref().server()).suspended()).as(target.name()).isFalse();
            seen.add(target.ref().pid());
        }
        a.stop();
        b.stop();
        seen.addAll(probe.workers); // every worker that ever ran, seen by the storm or not
        for (Pid pid : seen) {
            assertThat(Peepers.awaitExit(pid)).as("%s ended", pid).isNotNull();
        }
        for (String name : names) {
            assertThat(ProcessName.local(name).whereis()).as("name %s is free", name).isNull();
        }
    }

    private Target start(DynamicSupervisorRef sup, boolean moves) {
        String name = Peepers.uniqueName();
        names.add(name);
        Pid pid = sup.startChild(Peeper.childSpec(name, Counter.factory(probe), 0,
                PeeperOptions.named(name).withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(1))));
        seen.add(pid);
        return new Target(name, moves, new AtomicLong(), new AtomicLong());
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} until the deadline on a platform thread of its own, so that the operating system shares
     * the cores fairly between the parts of the storm: virtual threads ping-ponging with their servers can keep
     * the virtual-thread scheduler's local queues busy and starve the others. Anything it throws is unexpected.
     */
    private CompletableFuture<Void> loop(String what, Step step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("storm " + what).start(() -> {
            while (System.nanoTime() - deadline < 0) {
                try {
                    step.run();
                } catch (Throwable e) {
                    unexpected.add(new AssertionError(what + " failed", e));
                    break;
                }
            }
            done.complete(null);
        });
        return done;
    }

    /** Adds one by a call; counted when it returns. A moved server's old pid fails it (then it was not applied). */
    private void callAdd(Target target) {
        try {
            target.ref().call(new Add(1), CALL);
            target.acked().incrementAndGet();
        } catch (ServerExitException | NoProcessException e) {
            if (!target.moves()) {
                throw e;
            }
        }
    }

    /** Casts a burst, then waits for the server to get through it, so the mailbox stays small. */
    private void castAdds(Target target) {
        PeeperRef ref = PeeperRef.of(target.ref().pid());
        for (int i = 0; i < 64; i++) {
            ref.cast(new Add(1));
            target.cast().incrementAndGet();
        }
        ref.call(new Get(), CALL);
    }

    /** Suspends, then resumes until a resume is served (a worker killed while serving one fails it). */
    private void suspendAndResume(Target target) {
        try {
            Sys.suspend(target.ref().server(), CALL);
        } catch (ServerExitException e) {
            // the worker was killed while serving it: suspended or not, the resume below settles it
        }
        for (int attempt = 0; ; attempt++) {
            try {
                Sys.resume(target.ref().server(), CALL);
                return;
            } catch (ServerExitException e) {
                assertThat(attempt).as("resume attempts").isLessThan(1_000);
            }
        }
    }

    private void poll(List<Target> all) {
        for (Target target : all) {
            try {
                Sys.getState(target.ref().server(), CALL);
                Sys.statistics(target.ref().server(), CALL);
                target.ref().statistics();
            } catch (ServerExitException | NoProcessException e) {
                // a worker killed while serving it, or a moved server's old pid
            }
        }
    }

    /** Kills a random counter's worker, then waits until the next one serves. */
    private void killAWorker(List<Target> all) {
        Target target = all.get(ThreadLocalRandom.current().nextInt(all.size()));
        try {
            Pid worker = target.ref().worker();
            if (worker != null) {
                seen.add(worker);
                Proc.exit(worker, ExitReason.kill());
                kills.incrementAndGet();
            }
            target.ref().call(new Get(), CALL);
        } catch (ServerExitException | NoProcessException e) {
            if (!target.moves()) {
                throw e;
            }
        }
    }

    private void transfer(List<Target> moving, Map<String, DynamicSupervisorRef> home, DynamicSupervisorRef a,
                          DynamicSupervisorRef b) {
        Target target = moving.get(ThreadLocalRandom.current().nextInt(moving.size()));
        DynamicSupervisorRef from = home.get(target.name());
        DynamicSupervisorRef to = from == a ? b : a;
        seen.add(target.ref().pid());
        // one in four gets no time to suspend, so the storm goes through the rollback too (item 3)
        Duration suspendTimeout = ThreadLocalRandom.current().nextInt(4) == 0 ? Duration.ZERO : CALL;
        try {
            Peeper.transfer(target.ref(), from, to, suspendTimeout);
            home.put(target.name(), to);
            transfers.incrementAndGet();
        } catch (TransferException e) {
            rolledBack.incrementAndGet();
            // a kill during a step: rolled back, it keeps running where it was
        }
        target.ref().call(new Get(), CALL);
    }

    private void upgrade(List<Target> all) {
        Target target = all.get(ThreadLocalRandom.current().nextInt(all.size()));
        try {
            target.ref().upgrade(Counter.factory(probe), "same", null);
            upgrades.incrementAndGet();
            target.ref().call(new Get(), CALL);
        } catch (ServerExitException | CallFailedException | NoProcessException e) {
            if (!target.moves() && !(e instanceof ServerExitException)) {
                throw e;
            }
        }
    }

    /**
     * Repeats {@code request} on a thread of its own until it fails with the end of its server; the future carries
     * that failure. Any other failure (a timeout: the end was not told to the request) fails the future.
     */
    private static CompletableFuture<Throwable> untilItsEnd(Step request) {
        return Peepers.onThread(() -> {
            while (true) {
                try {
                    request.run();
                } catch (ServerExitException e) {
                    return e;
                }
            }
        });
    }

    /**
     * Starts a victim, uses it, kills it as a whole while a caller and a {@code Sys} poller keep at it: it ends with
     * its worker, frees its name, the requests in flight fail at once, and a call to it then fails at once rather
     * than waits.
     */
    private void killAWholeServer(DynamicSupervisorRef sup) throws Exception {
        String name = Peepers.uniqueName();
        names.add(name);
        Pid victim = sup.startChild(Peeper.childSpec(name, Counter.factory(probe), 0, PeeperOptions.named(name))
                .withRestart(Restart.TEMPORARY));
        seen.add(victim);
        PeeperRef ref = PeeperRef.of(victim);
        Pid worker = Peepers.currentWorker(ref);
        seen.add(worker);
        ref.cast(new Add(1));
        assertThat(ref.<Integer>call(new Add(1), CALL)).isEqualTo(2);
        // killed with calls and Sys requests in flight: each then fails at once, none waits for its timeout
        CompletableFuture<Throwable> caller = untilItsEnd(() -> ref.call(new Add(1), CALL));
        CompletableFuture<Throwable> poller = untilItsEnd(() -> Sys.getState(ref.server(), CALL));

        Proc.exit(victim, ExitReason.kill());
        assertThat(Peepers.awaitExit(victim)).isEqualTo(ExitReason.killed());
        assertThat(Peepers.await(caller)).isInstanceOf(ServerExitException.class);
        assertThat(Peepers.await(poller)).isInstanceOf(ServerExitException.class);
        assertThat(Proc.isAlive(worker)).isFalse();
        assertThat(ProcessName.local(name).whereis()).isNull();
        assertThatThrownBy(() -> ref.call(new Get(), Duration.ofDays(1))).isInstanceOf(ServerExitException.class);
        assertThatThrownBy(() -> PeeperRef.named(name).call(new Get(), Duration.ofDays(1)))
                .isInstanceOf(NoProcessException.class);
        victims.incrementAndGet();
    }
}
