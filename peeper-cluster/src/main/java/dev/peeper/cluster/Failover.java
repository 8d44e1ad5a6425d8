package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import dev.peeper.cluster.transport.Members;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.registry.NameTakenException;
import dev.peeper.server.StartException;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every server started through {@link PeeperCluster#startOnOwner} running somewhere: its starter and node
 * are kept in the map {@value #MAP} for as long as it runs, with two synchronous backups (one more than the states:
 * where three members or more run, a server whose state died with two members at once is still started again, from
 * {@code init}, and says so), and each member starts, from
 * that map, the servers whose names it owns and whose node has left the cluster. Derived from state, not from
 * events: it runs when a member leaves, when the partitions have settled after that (the member's partitions have
 * new owners: {@link PartitionsSettled}), and on a one-second tick, so a missed or early event costs at most a tick.
 * A server that ends while its member lives (stopped, or gave up after too many restarts) is forgotten.
 *
 * <p>Except one that gave up only because its keeper refused to acknowledge its states (no majority, no lease, no
 * backup, replication lagging: {@link StateSlot#gaveUp}). Its state stays, and so does its spec; this member starts
 * it again, on the name's owner, from that state, at the first tick at which it may acknowledge a write of it (it
 * sees a majority, its lease runs, the name's partition has a backup), unless the name is held again meanwhile or
 * another member's start of it has replaced the spec. As in OTP, where the supervisor above decides what a child's
 * give-up means: this is the supervisor of such servers, and a give-up caused by the cluster is not the server's
 * failure. It gives up only with its member; if the member dies first, the others start the server as for any death.
 */
final class Failover {
    /** The map of the servers to keep running: name to {@link ServerSpec}. */
    static final String MAP = "peeper.servers";
    private static final Logger log = LoggerFactory.getLogger(Failover.class);
    /**
     * How long a server stopped because its member was cut off may take to get to the stop and run {@code terminate}:
     * it may be in a callback whose reply waits on a write that the pause or split holds up (the engine gives up on
     * it after its backup and call timeouts, and the keeper refuses the reply anyway: nothing is acknowledged
     * meanwhile). Killed after that, without {@code terminate}.
     */
    private static final Duration CUT_OFF_STOP = Duration.ofSeconds(15);
    /** How long closing waits for a tick under way, which was interrupted. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    /**
     * Where the end of a server started here is handled (map writes, so not on the ending thread): a virtual thread
     * each, not the JDK's default asynchronous pool, which starts a platform thread per task where the common pool
     * has one thread (two cores or fewer).
     */
    private static final Executor ENDS = task -> Thread.ofVirtual().name("peeper-failover-end").start(task);

    private final PeeperCluster here;
    private final IMap<Object, ServerSpec> starters;
    private final Members members;
    private final LostPartitions lostPartitions;
    private final PartitionBackups backups;
    /** Names the names map lost while their servers here run on: registered again after membership changes. */
    private final LostNames lostNames;
    /** Names of this member's servers that gave up because their states were refused: started again when healthy. */
    private final Set<Object> refused = ConcurrentHashMap.newKeySet();
    /** The servers this member started and that run, by name: what it stops when it is cut off from the majority. */
    private final Map<Object, Pid> startedHere = new ConcurrentHashMap<>();
    /**
     * The servers this member stopped when it was cut off, by name; their specs stay until it is back. A server stays
     * here until it has ended and been started again: see {@link #startAgainWhatTheCutOffStopped}.
     */
    private final Map<Object, Pid> stoppedCutOff = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("peeper-failover").factory());
    /** A reconciliation waits on the ticker, not yet begun: another request needs none of its own. */
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private final PartitionsSettled partitionsSettled;
    /** Whether the one-second tick reconciles; off only in tests, to see what the events alone start. */
    private volatile boolean ticking = true;

    Failover(PeeperCluster here, Members members) {
        this.here = here;
        this.starters = here.hazelcast().getMap(MAP);
        this.members = members;
        this.lostPartitions = new LostPartitions(here.hazelcast());
        this.backups = new PartitionBackups(here.hazelcast());
        this.lostNames = new LostNames(here, members);
        members.onLeave(gone -> reconcileSoon());
        // a member's removal is heard before its partitions have new owners: the servers whose names were its own
        // are found here once the promotions are done, not a tick later (a frozen member's failover waited for it)
        this.partitionsSettled = new PartitionsSettled(here.hazelcast(), () -> {
            lostNames.partitionsSettled();
            reconcileSoon();
        });
        ticker.scheduleWithFixedDelay(() -> {
            if (ticking) {
                reconcile();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Turns the one-second tick off or back on: for tests of what the membership and partition events start. */
    void ticking(boolean on) {
        ticking = on;
    }

    /** Reconciles on the ticker as soon as it is free; one queued request covers any made before it begins. */
    private void reconcileSoon() {
        if (!reconcileQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            ticker.execute(() -> {
                reconcileQueued.set(false);
                reconcile();
            });
        } catch (RejectedExecutionException closed) {
            // this member is leaving
        }
    }

    /**
     * Starts {@code name} on this member unless a reachable process holds it, records its starter for failover,
     * and answers the pid holding the name. Refused ({@link StartFailedException}) if a server of this member runs
     * the name (holding it or not) while this member is being merged into another cluster after a split, until the
     * merge has settled its own servers ({@link MergeBarrier}).
     */
    Pid start(Object name, ClusterStarter starter) {
        return here.callAs(() -> {
            Pid existing = holder(name);
            Pid own = ownServer(name, existing);
            if (own != null && here.mergeBarrier().merging()) {
                // a server of the side merged in still runs here until the merge has settled it: a handoff answered
                // with it would pass its state on to one that may be about to be fenced, and one started beside it
                // (its name is free in the merged cluster's map) would leave it running, unsettled, for good
                throw new StartFailedException("not starting " + name + " on " + here + " now: this member is being "
                        + "merged into another cluster after a split healed, and its own " + own + " runs the name "
                        + "until the merge has settled it; start it again in a few seconds (a handoff tries again by "
                        + "itself within a second)", null);
            }
            if (existing != null) {
                return existing;
            }
            if (here.handoffs().leaving()) {
                throw new StartFailedException("not starting " + name + " on " + here + ": this member is handing its "
                        + "servers over to leave the cluster; the name's next owner starts it", null);
            }
            if (here.quorum().cutOff()) { // its keeper would refuse the first state, and the server end for good
                throw new StartFailedException("not starting " + name + " on " + here + ": this member is cut off "
                        + "from the majority; the majority starts it, or this member once it is back", null);
            }
            Pid started;
            ServerSpec spec = new ServerSpec(starter, here.node(), ThreadLocalRandom.current().nextLong());
            try {
                started = starter.start(here, here.name(name));
            } catch (StartException e) {
                return e.existing().or(() -> Optional.ofNullable(here.names().liveHolder(name)))
                        .orElseThrow(() -> e);
            } catch (NameTakenException e) {
                return Optional.ofNullable(here.names().liveHolder(name)).orElseThrow(() -> e);
            }
            starters.set(name, spec);
            here.handoffs().started(name, started);
            // only now that it runs here as the name's server: a conflict its entry carries is merged by it
            here.conflicts().started(name);
            startedHere.put(name, started);
            RemoteNodes.exitFuture(started).thenAcceptAsync(reason -> {
                startedHere.remove(name, started);
                if (stoppedByCutOff(reason)) {
                    if (!startedHere.containsKey(name)) { // else it has been started again already
                        stoppedCutOff.putIfAbsent(name, started); // its keeper found the cut-off before the guard
                    }
                } else if (!refused.contains(name)) { // else it is started again once healthy: see resumeWhenHealthy
                    forget(name, spec.start());
                }
            }, ENDS);
            return started;
        });
    }

    /** Whether a server ended because its member was cut off: stopped by the guard, or by its keeper's refusal. */
    private static boolean stoppedByCutOff(ExitReason reason) {
        return reason instanceof ExitReason.Shutdown shutdown && shutdown.detail() instanceof MinorityException;
    }

    /**
     * The process holding {@code name} in the names map, read past this member's cache, if its member is in the cluster
     * (a departed member's names stay in the map until their clean-up: the failover that starts them again must not
     * find them held), but not one of this member's that has ended: its name stayed because its removal was refused
     * while this member was cut off from the majority, and a start that answered it (a handoff to this member just
     * after the split healed) would pass the server on to a dead process and lose it. Such a holder is freed, and the
     * name looked up again. Past the cache: a start decides whether a server runs, and a cached holder that a removal's
     * word reached late (a removal waits at most 1 s for the members to drop it) no longer holds the name; often it is
     * the very server a handoff moves here, which would be handed over to itself and end, with no member to start the
     * name again (our reading of a three-way heal test that failed so on a machine stalled for seconds).
     */
    private Pid holder(Object name) {
        Pid existing = here.names().liveHolder(name);
        if (existing != null && here.names().endedHere(existing)) {
            log.info("{} was still registered to {}, a process of this member that has ended: freed", name, existing);
            here.names().unregister(name, existing);
            existing = here.names().liveHolder(name);
        }
        return existing;
    }

    /**
     * This member's live server of {@code name}: the holder {@code existing} if it is one, else the server
     * {@code startOnOwner} started here (a merge discards the names map of the side merged in, so that one may run
     * without holding the name); {@code null} if none.
     */
    private Pid ownServer(Object name, Pid existing) {
        if (existing != null && here.isHere(existing)) {
            return existing;
        }
        Pid started = here.handoffs().runningHere(name);
        return started != null && RemoteNodes.isAlive(started) ? started : null;
    }

    /** The check that registers again the names the names map lost: for tests. */
    LostNames lostNames() {
        return lostNames;
    }

    /**
     * Whether {@code name} is being started again because its member left: its recorded node is gone. Asked by a
     * resuming server that finds no replicated state, to tell a lost state (two members at once) from a first start.
     * {@code name} may be given as the engine's key ({@link EngineKeys}), as the server's own thread does.
     */
    boolean failingOver(Object name) {
        ServerSpec spec = starters.get(name);
        return spec != null && !members.isPresent(spec.node());
    }

    /** The starter and node recorded for {@code name}, or {@code null} if none runs it. */
    ServerSpec spec(Object name) {
        return starters.get(name);
    }

    /**
     * Whether the server of {@code name} was stopped because this member was cut off, and has not been started again
     * since: its state must stay even if this member has the majority back by the time the server ends.
     */
    boolean stoppedCutOff(Object name) {
        return stoppedCutOff.containsKey(name);
    }

    /**
     * The server of {@code name} that {@code start} started ended on this live member: it is not to be started
     * elsewhere. A later start of the name (here or elsewhere) has a spec of its own, which stays.
     */
    void forget(Object name, long start) {
        if (stoppedCutOff.containsKey(name)) {
            return; // stopped because this member was cut off: the majority (or this member, back) runs it again
        }
        try {
            ServerSpec spec = starters.get(name);
            if (spec != null && spec.node() == here.node() && spec.start() == start) {
                starters.remove(name, spec);
            }
        } catch (HazelcastInstanceNotActiveException e) {
            // this member died with it: the others start it again
        }
    }

    /**
     * The server of {@code name} on this member gave up because its states could not be acknowledged; its state
     * stays. Keeps its spec, and starts it again once this member may acknowledge (see the class comment). Called by
     * its keeper before the server ends.
     */
    void resumeWhenHealthy(Object name) {
        refused.add(name);
    }

    /** Starts again, on their owners, the servers that gave up on refusals and that this member may now acknowledge. */
    private void resumeRefused() {
        for (Object name : refused) {
            ServerSpec spec = starters.get(name);
            if (spec == null || spec.node() != here.node() || here.names().whereis(name) != null) {
                refused.remove(name); // started again meanwhile, here or elsewhere, or stopped for good
            } else if (here.quorum().likely() && backups.backupOf(name) != null) {
                try {
                    Pid pid = here.startOnOwner(name, spec.starter(), ClusterStarters.START_TIMEOUT);
                    refused.remove(name);
                    log.info("Started {} again as {}: it gave up while its states could not be acknowledged, and "
                            + "they can be now", name, pid);
                } catch (StartFailedException e) {
                    log.warn("Could not start {} again after it gave up on refusals; next tick tries again", name, e);
                }
            }
        }
    }

    /**
     * Starts each server whose name this member owns and whose node has left the cluster (not while this member is
     * being merged into another cluster: {@link MergeBarrier}), and the servers of this member that gave up on
     * refusals once they may run again; registers again the names of servers here that the names map lost
     * ({@link LostNames}).
     */
    private void reconcile() {
        if (here.quorum().cutOff()) {
            return; // a minority starts nothing: the majority runs the servers of the members it lost
        }
        try {
            startAgainWhatTheCutOffStopped();
            for (Object name : starters.localKeySet()) {
                if (here.mergeBarrier().merging()) {
                    // being merged into another cluster: the members this one saw leave may be there, serving (a
                    // start decided alone once took a name over from a live server); the next tick decides again
                    return;
                }
                ServerSpec spec = starters.get(name);
                if (spec != null && !members.isPresent(spec.node())) {
                    Pid pid = start(name, spec.starter());
                    log.info("Started {} again on this member as {}: its node {} left", name, pid, spec.node());
                }
            }
            resumeRefused();
            lostNames.check();
        } catch (HazelcastInstanceNotActiveException e) {
            ticker.shutdown();
        } catch (RuntimeException e) {
            log.warn("Could not start the servers this member owns now; next tick tries again", e);
        }
    }

    /**
     * This member is cut off from the majority: stops every server it started, each on a thread of its own and at
     * once, with {@link MinorityException} as the reason ({@code terminate} runs). Their states and specs stay: the
     * majority starts them from those, or this member does when it is {@linkplain #regained back} first.
     */
    void stopCutOff(String why) {
        for (Map.Entry<Object, Pid> server : Map.copyOf(startedHere).entrySet()) {
            stoppedCutOff.put(server.getKey(), server.getValue());
            Thread.ofVirtual().name("peeper-cut-off-stop").start(() -> stop(server.getKey(), server.getValue(), why));
        }
    }

    private void stop(Object name, Pid pid, String why) {
        try {
            ServerRef.of(pid).stop(ExitReason.shutdown(new MinorityException(name, why)), CUT_OFF_STOP);
        } catch (RuntimeException e) {
            if (RemoteNodes.isAlive(pid)) { // else it ended by itself: its keeper refused with the same reason
                log.warn("{} did not stop within {} after its member was cut off; killed", name, CUT_OFF_STOP, e);
                Proc.exit(pid, ExitReason.kill());
            }
        }
    }

    /**
     * This member has the majority again: starts again, on the failover's thread, what it stopped and nobody took
     * over. Answers when that attempt is done (tests wait on it); a server still stopping is left to the next tick.
     */
    Future<?> regained() {
        try {
            return ticker.submit(this::reconcile);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(null); // this member is leaving
        }
    }

    /**
     * Starts again, here, each server stopped when this member was cut off whose spec still names this member: nobody
     * took it over (the split was shorter than failure detection), so its state is still this member's. A name still
     * registered to the stopped server (its removal was refused while cut off) is freed first ({@link #holder}).
     *
     * <p>Only once the stopped server has ended: a cut-off shorter than its stop (its {@code terminate} runs, or a
     * callback waits on a write the cut-off holds up) would otherwise find it still holding the name, take it for the
     * server started again, and let its end forget the spec: the server would be gone for good.
     */
    private void startAgainWhatTheCutOffStopped() {
        for (Map.Entry<Object, Pid> stopped : Map.copyOf(stoppedCutOff).entrySet()) {
            Object name = stopped.getKey();
            if (RemoteNodes.isAlive(stopped.getValue())) {
                continue; // still stopping: the next tick looks again
            }
            ServerSpec spec = starters.get(name);
            stoppedCutOff.remove(name, stopped.getValue());
            if (spec == null || spec.node() != here.node()) {
                continue; // ended meanwhile, or the majority runs it now
            }
            Pid pid = start(name, spec.starter()); // frees the name if the stopped server still holds it
            log.info("Started {} again on this member as {}: it had stopped while this member was cut off", name, pid);
        }
    }

    /**
     * Stops the tick, and waits (bounded) for one under way: a start it made after this member stopped routing its
     * pids failed on the pid's serialization, logged as an engine error, while the member closed.
     */
    void close() {
        partitionsSettled.close();
        ticker.shutdownNow();
        lostPartitions.close();
        try {
            ticker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
