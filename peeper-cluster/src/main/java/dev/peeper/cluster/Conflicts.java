package dev.peeper.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryMergedListener;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.ServerRef;
import dev.peeper.server.Sys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this member does after a network split healed: it stops its servers whose names the merged cluster gave to
 * the other side's incarnation ({@link SplitHealedException}), and has its servers that were kept merge the other
 * sides' diverged states, where no majority decided ({@link MergeDivergedStates} queued them in their entry), through
 * their {@code resolveConflict(mine, theirs)}, one at a time.
 *
 * <p>The merge runs on the server's process, through {@link Sys#replaceState}, between two messages, with the
 * server's current state; the merged state is written, and the conflict cleared, by the same write
 * ({@link StateSlot#resolving}), so a merge is applied once even if this member dies meanwhile (then the next
 * incarnation merges, from the state it resumes from). It is looked for when a merge changed an entry (an entry
 * listener), when a server starts here (a new incarnation may inherit a conflict still waiting) and when a write's
 * answer says one waits ({@link #resolveSoon}).
 */
final class Conflicts {
    /** How long a server may take to run its {@code resolveConflict}, or to stop when the other side kept its name. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    /** The most states of other sides one look merges in turn (one per side of a split, so a few at most). */
    private static final int MAX_MERGES = 64;
    /**
     * How long a stop waits for a move of the same name before it says so (and waits on): each of a move's steps
     * (suspend, handoff, the wait for the writes, the start on the target) may take {@link Handoffs#STEP_TIMEOUT}.
     */
    private static final Duration MOVE_PATIENCE = Handoffs.STEP_TIMEOUT.multipliedBy(4);
    /** How long the merge waits for its stops before it says that it still waits. */
    private static final Duration STOPS_PATIENCE = STEP_TIMEOUT.plus(STEP_TIMEOUT);
    private static final Logger log = LoggerFactory.getLogger(Conflicts.class);

    private final PeeperCluster here;
    private final IMap<Object, KeptState> states;
    private final UUID mergedListener;
    /** Names whose {@link #resolveSoon} runs now. */
    private final Set<Object> resolvingSoon = ConcurrentHashMap.newKeySet();

    Conflicts(PeeperCluster here) {
        this.here = here;
        this.states = here.hazelcast().getMap(ClusterKeepers.MAP);
        this.mergedListener = states.addEntryListener((EntryMergedListener<Object, KeptState>) this::merged, true);
    }

    /** {@code name}'s server started on this member: it merges a conflict its entry may carry (it inherited one). */
    void started(Object name) {
        if (here.slots().of(name) != null) { // else not replicated (local mode): nothing to merge
            Thread.ofVirtual().name("peeper-conflict").start(() -> resolve(name));
        }
    }

    /**
     * A write of {@code name}'s server here answered that another line's state waits in its entry (an incarnation
     * refused after the name was taken over from an earlier state of its own handed it over: {@link
     * KeeperEntry.Fenced}): merges it soon, off the writer's thread; once at a time per name (each write while it
     * waits says so again).
     */
    void resolveSoon(Object name) {
        if (resolvingSoon.add(name)) {
            Thread.ofVirtual().name("peeper-conflict").start(() -> {
                try {
                    resolve(name);
                } finally {
                    resolvingSoon.remove(name);
                }
            });
        }
    }

    private void merged(EntryEvent<Object, KeptState> event) {
        KeptState now = event.getValue();
        if (now != null && now.theirs() != null && here.slots().of(event.getKey()) != null) {
            Thread.ofVirtual().name("peeper-conflict").start(() -> resolve(event.getKey())); // an event thread
        }
    }

    /**
     * Has {@code name}'s server on this member merge the other sides' states waiting in its entry, one at a time from
     * the queue's head, if any and if this incarnation is the one the entry belongs to. Each merge's state is written
     * before the next is asked for: its write is what takes its conflict off the queue.
     */
    void resolve(Object name) {
        StateSlot slot = here.slots().of(name);
        Pid pid = here.handoffs().runningHere(name);
        if (slot == null || pid == null) {
            return;
        }
        try {
            for (int merges = 0; merges < MAX_MERGES; merges++) {
                KeptState now = states.get(name);
                if (now == null || now.theirs() == null || now.owner() != slot.owner()) {
                    return; // nothing waits (every start asks): no request to the server, which merge reads again
                }
                here.callAs(() -> Sys.replaceState(ServerRef.of(pid), mine -> merge(name, pid, slot, mine),
                        STEP_TIMEOUT));
                if (!slot.awaitWritten(STEP_TIMEOUT)) {
                    log.warn("{}: the state that merged another side's was not written within {}; the states still "
                            + "waiting are merged at its next start here", name, STEP_TIMEOUT);
                    return;
                }
            }
            log.warn("{}: more than {} states of other sides waited to be merged; the rest are merged at its next "
                    + "start here", name, MAX_MERGES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("{} could not merge the other side's state now; its next start here tries again", name, e);
        }
    }

    /**
     * On the server's process: merges the conflict its entry waits on, read there so that two merges of the same one
     * cannot both run. A merge that keeps the state as it is clears the conflict at once; another state clears it
     * with its own write.
     */
    private Object merge(Object name, Pid server, StateSlot slot, Object mine) {
        KeptState now = states.get(name);
        if (now == null || now.theirs() == null || now.owner() != slot.owner()) {
            return mine; // merged already, or this incarnation no longer holds the name
        }
        if (slot.merging()) {
            return mine; // the last merge's state is not written yet, and its conflict still heads the queue
        }
        Dispatcher<Object> dispatcher = here.handoffs().dispatcherOf(server);
        if (dispatcher == null) {
            return mine; // no worker of it registered here now: the conflict waits for the next look, not dropped
        }
        KeptState theirs = now.theirs();
        Object merged = ask(dispatcher, name, mine, theirs.state());
        if (merged == mine) {
            slot.resolvedUnchanged(theirs);
        } else {
            slot.resolving(theirs);
            log.info("{} merged the state that the other side of a healed split kept (generation {}, state {}) "
                    + "through its resolveConflict", name, theirs.generation(), theirs.sequence());
        }
        return merged;
    }

    private static Object ask(Dispatcher<Object> dispatcher, Object name, Object mine, Object theirs) {
        try {
            Object merged = dispatcher.resolveConflict(mine, theirs);
            if (merged == null) {
                throw new NullPointerException("resolveConflict returned null; return mine to keep this state");
            }
            return merged;
        } catch (Exception e) {
            log.error("The resolveConflict of {} threw; it keeps its own state, and the other side's is dropped",
                    name, e);
            return mine;
        }
    }

    /**
     * This member was merged into another cluster after a split: each of its servers whose name the merged cluster
     * gives to another process stops (its {@code terminate} sees {@link SplitHealedException}); one whose name was
     * freed meanwhile claims it again. Returns once those that stop have ended ({@link #awaitStopped}): until then a
     * reply here waits for its state's write ({@link MergeBarrier}), so none of them acknowledges a state the merged
     * cluster drops.
     * Then frees the names the merge gave back to processes of this member that have ended
     * ({@link ClusterNames#freeEndedHoldersHere}).
     */
    void afterMerge() {
        here.names().forgetAll();
        List<Thread> stopping = new ArrayList<>();
        here.handoffs().runningHere().forEach((name, pid) -> here.callAs(() -> {
            Thread stop = settle(name, pid);
            if (stop != null) {
                stopping.add(stop);
            }
            return null;
        }));
        awaitStopped(stopping);
        try {
            here.names().freeEndedHoldersHere();
        } catch (RuntimeException e) {
            log.warn("Could not free the names the merge gave back to ended processes of this member", e);
        }
    }

    /**
     * {@code name}'s server {@code pid} keeps its name, or starts to stop: then the thread that stops it. A free name
     * is claimed only by the incarnation the merged state entry belongs to: the name is also free while the kept
     * incarnation moves between members (a handoff frees it before the target starts), and a superseded server that
     * claimed it then was answered to the move as the name's new server, took its messages, and stopped at its first
     * write (fenced), while the kept one had ended, handed over: no server ran the name any more (the three-way heal
     * test, once in about fifteen runs).
     */
    private Thread settle(Object name, Pid pid) {
        try {
            boolean keptHere = holdsTheState(name);
            Pid holder = here.names().holder(name);
            if (holder == null && keptHere && here.names().register(name, pid)) {
                return null;
            }
            Pid kept = here.names().holder(name);
            if (kept == null ? keptHere : kept.equals(pid)) {
                return null;
            }
            if (kept == null) {
                log.warn("{} on this member stops: the cluster it was merged into after a split keeps the name's state "
                        + "for another incarnation (moving between members now)", name);
            } else {
                log.warn("{} on this member stops: the cluster it was merged into after a split runs that name as {}",
                        name, kept);
            }
            return Thread.ofVirtual().name("peeper-split-healed").start(() -> stop(name, pid, kept));
        } catch (RuntimeException e) {
            log.warn("Could not check after the merge whether {} still holds its name", name, e);
            return null;
        }
    }

    /**
     * Whether no other incarnation holds the merged cluster's entry of {@code name}; also for a server whose state is
     * not replicated (no slot), which the entry says nothing about.
     */
    private boolean holdsTheState(Object name) {
        StateSlot slot = here.slots().of(name);
        return slot == null || slot.noOtherHoldsEntry();
    }

    /**
     * Waits until every stop has ended: a stop ends within its step (a stop, else a kill) once no move holds its name
     * ({@link #stop}). Not bounded by less than that: until it returns, a reply here waits for its state's write
     * ({@link MergeBarrier}), and a superseded server that a move held past a bound, then left where it was, could
     * otherwise acknowledge (asynchronous mode) a state whose write the merged cluster refuses and drops. Says so
     * when it waits longer than {@link #STOPS_PATIENCE}.
     */
    private static void awaitStopped(List<Thread> stopping) {
        long deadline = System.nanoTime() + STOPS_PATIENCE.toNanos();
        try {
            for (Thread stop : stopping) {
                if (!stop.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    log.warn("A server superseded by the merge has not stopped within {} (its stop waits for a move of "
                            + "its name, or is killing it); replies here wait for their states' writes until it has",
                            STOPS_PATIENCE);
                    stop.join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops {@code name}'s server {@code pid}, superseded by {@code holder}: its {@code terminate} sees
     * {@link SplitHealedException}; killed if it does not stop within a step. Not while a move holds the name
     * ({@link Handoffs#onceNotMoving}): a move passes what is queued in the server's mailbox to the name's holder,
     * and a stop request queued there with it once went along and stopped the holder (the fault suite's long run: a
     * name no server ran any more). After the move, only if the server still runs: a move that found the name no
     * longer this member's (the merge gave it to the other side) ends without handing anything over, and a stop
     * skipped for it left the superseded server running, unnamed and unsettled, for good (the heal demo, once). So it
     * waits for the move however long it takes (each of its steps is bounded), saying so every
     * {@link #MOVE_PATIENCE}; only a member that leaves (its servers handed over, or ended with it) stops nothing.
     */
    void stop(Object name, Pid pid, Pid holder) {
        try {
            Handoffs handoffs = here.handoffs();
            while (!handoffs.onceNotMoving(name, MOVE_PATIENCE, () -> stopIfAlive(name, pid, holder))) {
                if (handoffs.leaving()) {
                    log.info("{}: {} is not stopped after the merge: this member is leaving, and its servers are "
                            + "handed over or end with it", name, pid);
                    return;
                }
                log.warn("{}: {} is still being handed over after {}; it is stopped once the move has ended, if it "
                        + "still runs here then", name, pid, MOVE_PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopIfAlive(Object name, Pid pid, Pid holder) {
        if (RemoteNodes.isAlive(pid)) { // else a move handed it over meanwhile: it lives on as the holder
            stopNow(name, pid, holder);
        }
    }

    private void stopNow(Object name, Pid pid, Pid holder) {
        here.callAs(() -> {
            try {
                ServerRef.of(pid).stop(ExitReason.shutdown(new SplitHealedException(name, holder)), STEP_TIMEOUT);
            } catch (RuntimeException e) {
                if (RemoteNodes.isAlive(pid)) {
                    log.warn("{} did not stop within {} after the merge; killed", name, STEP_TIMEOUT, e);
                    RemoteNodes.exitSignal(pid, pid, ExitReason.kill(), false);
                }
            }
            return null;
        });
    }

    void close() {
        try {
            states.removeEntryListener(mergedListener);
        } catch (RuntimeException e) {
            // the member is shutting down
        }
    }
}
