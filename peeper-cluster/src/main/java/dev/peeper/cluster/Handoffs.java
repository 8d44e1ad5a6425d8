package dev.peeper.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import dev.peeper.cluster.transport.Members;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.Handoff;
import dev.peeper.server.ServerRef;
import dev.peeper.server.Sys;
import dev.peeper.server.internal.ServerLoops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves this member's servers (those {@link PeeperCluster#startOnOwner} started here) to their name's owner when
 * the owner changes while they run, asking each its {@link Dispatcher#handoff} first, and hands every one over to
 * another member when this member {@linkplain PeeperCluster#close() closes}. Derived from state, as
 * {@link Failover} is: on every partition migration and on a one-second tick it compares each server's name with
 * its partition's owner, so a missed or repeated event costs at most a tick.
 *
 * <p>A move, step by step: the server is suspended (what is sent to it from now on queues in its mailbox, in order);
 * {@code handoff} runs on the server's process with the current state, through {@link Sys#replaceState}, which also
 * writes the state to resume from to the replicated keeper before it returns; the name is freed (callers by name
 * wait for its next holder within their timeout, see {@link ClusterNames#waitsForHolder}); the server starts on the
 * target member from the replicated state ({@code restore} sees {@link #HANDED_OFF}), its takeover bumping the
 * state's generation so that the old incarnation is fenced; then the old server passes everything queued in its
 * mailbox, in order, to the new one and ends with {@code shutdown: transferred}, without {@code terminate} (the
 * server lives on). If the start on the target fails, the name goes back to the old server, which resumes: nothing
 * is lost. A move that failed (a step timed out, the engine refused, the target could not start it) is tried again
 * while the same member owns the name, after 1 s, then twice as long each time up to a minute; a server whose
 * {@code handoff} said stay is asked again only when the owner changes again.
 *
 * <p>The state travels through the replicated keeper, so a resume carries it whole in synchronous mode (the
 * default), and in asynchronous mode too: there a reply does not wait for its state's write, so before the name moves
 * the move waits (a step's timeout at most, else the server stays and resumes here) until every state the server
 * kept is written. In local mode there is no replicated state and the server starts from {@code init} there.
 *
 * <p>One order is not kept: a cast already queued in the old mailbox may be served after a message the same sender
 * sends by name once the name has moved (the queued messages are passed on just after the new server starts). A
 * caller that waits for its calls' answers never sees this: its next call is sent after the previous was served.
 */
final class Handoffs {
    /** The map of the moves under way: name to what the new member's start does ({@link #RESUME}, {@link #RESTART}). */
    static final String MAP = "peeper.handoffs";
    /** The {@code lastExit} a server's {@code restore} sees when it resumes on the member it was handed to. */
    static final ExitReason HANDED_OFF = ExitReason.shutdown("handoff");
    static final String RESUME = "resume";
    static final String RESTART = "restart";
    /** How long each step of a move (suspend, handoff, the start on the target) may take before it is rolled back. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    /** How long after a failed move it is tried again (while the same member owns the name); doubled each time. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** The longest wait between two attempts at the same move. */
    static final Duration LAST_RETRY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(Handoffs.class);

    private final PeeperCluster here;
    private final IMap<Object, String> notes;
    /** The servers {@code startOnOwner} started on this member, by name. */
    private final Map<Object, Pid> running = new ConcurrentHashMap<>();
    /**
     * The dispatcher of each server's current worker here, by the server's pid (its incarnation, not its name: the
     * end of one server of a name must not take away the next one's): where {@code handoff} and
     * {@code resolveConflict} are asked.
     */
    private final Map<Pid, Dispatcher<Object>> dispatchers = new ConcurrentHashMap<>();
    /** Names whose handoff said stay while their partition has this owner: not asked again until it changes. */
    private final Map<Object, UUID> stayed = new ConcurrentHashMap<>();
    /** Names whose move to their owner failed: when to try again ({@link RetryAfter}). */
    private final Map<Object, RetryAfter> retries = new ConcurrentHashMap<>();
    private final MoveMarks moving = new MoveMarks();
    private final ExecutorService movers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("peeper-handoff-", 0).factory());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("peeper-handoff-tick").factory());
    private final PartitionsSettled partitionsSettled;
    private volatile boolean leaving;

    Handoffs(PeeperCluster here) {
        this.here = here;
        this.notes = here.hazelcast().getMap(MAP);
        this.partitionsSettled = new PartitionsSettled(here.hazelcast(), this::tick);
        ticker.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * {@code startOnOwner} started {@code name} on this member as {@code pid}: it moves when its owner changes. A
     * server of the name that still ran here stops: the start found the name free, so that one had lost it.
     */
    void started(Object name, Pid pid) {
        Pid before = running.put(name, pid);
        if (before != null && !before.equals(pid) && RemoteNodes.isAlive(before)) {
            // a start finds the name free, so the one before ran here without it (a merge or a lost entry took it):
            // no call by name reaches it, and it would run on, unsettled, for good
            log.warn("{} started on this member as {} while {} still ran here without the name: {} stops", name, pid,
                    before, before);
            Thread.ofVirtual().name("peeper-superseded").start(() -> here.conflicts().stop(name, before, pid));
        }
        RemoteNodes.exitFuture(pid).thenRun(() -> {
            if (running.remove(name, pid)) {
                stayed.remove(name);
                retries.remove(name);
            }
        });
    }

    /**
     * The worker of server {@code server} on this member now runs {@code dispatcher}; it is forgotten when the server
     * ends (whether its start completed or not).
     */
    @SuppressWarnings("unchecked")
    void serving(Pid server, Dispatcher<?> dispatcher) {
        if (dispatchers.put(server, (Dispatcher<Object>) dispatcher) == null) { // its first worker: once per server
            RemoteNodes.exitFuture(server).thenRun(() -> dispatchers.remove(server));
        }
    }

    /**
     * Runs {@code action} for {@code name} unless its server is moving or this member is leaving, and keeps it from
     * moving meanwhile: a move frees the name before the target starts the server, and an action that registered
     * the name again in between would hand the server over to itself ({@link LostNames}).
     *
     * @return whether {@code action} ran
     */
    boolean unlessMoving(Object name, Runnable action) {
        if (!moving.tryMark(name)) {
            return false;
        }
        return runMarked(name, action);
    }

    /**
     * Runs {@code action} for {@code name} once no move (nor other marked step) holds it, unless this member is
     * leaving, and keeps it from moving meanwhile; waits for {@code patience} at most. For a step that must not
     * overlap a move but must not be skipped either: a move that holds the name may end without handing its server
     * over (its spec is no longer this member's, its target failed).
     *
     * @return whether {@code action} ran
     */
    boolean onceNotMoving(Object name, Duration patience, Runnable action) throws InterruptedException {
        if (!moving.awaitMark(name, System.nanoTime() + patience.toNanos())) {
            return false;
        }
        return runMarked(name, action);
    }

    private boolean runMarked(Object name, Runnable action) {
        try {
            if (leaving) { // read after the mark: handOverAll sets it, then waits for the marks it meets
                return false;
            }
            action.run();
            return true;
        } finally {
            moving.release(name);
        }
    }

    /** The server {@code startOnOwner} started on this member under {@code name}, or {@code null}. */
    Pid runningHere(Object name) {
        return running.get(name);
    }

    /** The servers {@code startOnOwner} started on this member that run now, by name. */
    Map<Object, Pid> runningHere() {
        return Map.copyOf(running);
    }

    /** The dispatcher of server {@code server}'s current worker on this member, or {@code null}. */
    Dispatcher<Object> dispatcherOf(Pid server) {
        return dispatchers.get(server);
    }

    /**
     * What a start of {@code name} does if it is the end of a move: {@link #RESUME} or {@link #RESTART}, taken (a
     * later start is a failover or a first start again); {@code null} if it is not one. {@code name} may be given as
     * the engine's key ({@link EngineKeys}), as the server's own thread does.
     */
    String takeNote(Object name) {
        return notes.remove(name);
    }

    /** Whether this member is handing its servers over to leave: it starts none of its own meanwhile. */
    boolean leaving() {
        return leaving;
    }

    private void tick() {
        try {
            ticker.execute(this::check);
        } catch (RejectedExecutionException closed) {
            // this member is leaving
        }
    }

    /** Moves each running server whose name's partition another member owns now. */
    private void check() {
        if (leaving) {
            return;
        }
        try {
            UUID self = here.hazelcast().getCluster().getLocalMember().getUuid();
            for (Map.Entry<Object, Pid> server : running.entrySet()) {
                Object name = server.getKey();
                Member owner = here.hazelcast().getPartitionService().getPartition(name).getOwner();
                if (owner == null || owner.getUuid().equals(self)) {
                    stayed.remove(name);
                    retries.remove(name);
                } else if (!owner.getUuid().equals(stayed.get(name)) && due(name, owner.getUuid())
                        && moving.tryMark(name)) {
                    Pid pid = server.getValue();
                    movers.execute(() -> {
                        try {
                            if (move(name, pid, owner, false)) {
                                retries.remove(name);
                            } else if (!owner.getUuid().equals(stayed.get(name))) {
                                retries.merge(name, RetryAfter.first(owner.getUuid()), RetryAfter::again);
                            }
                        } finally {
                            moving.release(name);
                        }
                    });
                }
            }
        } catch (HazelcastInstanceNotActiveException | RejectedExecutionException e) {
            ticker.shutdown();
        } catch (RuntimeException e) {
            log.warn("Could not check which servers to hand over; next tick tries again", e);
        }
    }

    /**
     * Hands every server of this member over to another member, each to the member holding its partition's backup
     * (the likeliest owner once this one has left), in parallel, for at most {@code timeout}; a stay counts as a
     * resume with the current state. Servers not handed over in time stay, and are started again from their
     * replicated state once this member has left, as after a crash.
     *
     * @return how many servers were not handed over
     */
    int handOverAll(Duration timeout) {
        leaving = true;
        ticker.shutdownNow();
        long deadline = System.nanoTime() + timeout.toNanos();
        PartitionBackups backups = new PartitionBackups(here.hazelcast());
        List<Future<Boolean>> moves = new ArrayList<>();
        for (Map.Entry<Object, Pid> server : running.entrySet()) {
            Object name = server.getKey();
            Member target = target(backups.backupOf(name));
            if (target != null) {
                moves.add(movers.submit(() -> {
                    // a tick's move, a LostNames check or a merge's stop may hold the name: wait for it (bounded)
                    boolean held = moving.awaitMark(name, deadline);
                    try {
                        if (!server.getValue().equals(running.get(name))) {
                            return true; // a move from a tick took it meanwhile
                        }
                        return move(name, server.getValue(), target, true);
                    } finally {
                        if (held) {
                            moving.release(name);
                        }
                    }
                }));
            }
        }
        int left = running.size() - moves.size();
        for (Future<Boolean> move : moves) {
            try {
                if (!move.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    left++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left++;
            } catch (Exception e) {
                left++;
            }
        }
        return left;
    }

    /** The member with uuid {@code backup}, or else any other member; {@code null} if this one is alone. */
    private Member target(UUID backup) {
        Member other = null;
        for (Member member : here.hazelcast().getCluster().getMembers()) {
            if (member.localMember() || Members.nodeOf(member) == 0) {
                continue;
            }
            if (member.getUuid().equals(backup)) {
                return member;
            }
            other = other == null ? member : other;
        }
        return other;
    }

    /** Moves {@code name}'s server {@code pid} to {@code target}; {@code false} if it stays here. */
    private boolean move(Object name, Pid pid, Member target, boolean leavingNow) {
        try {
            // as this member: its local servers are local to this thread too (several members may share one JVM)
            return here.callAs(() -> moveAs(name, pid, target, leavingNow));
        } catch (RuntimeException e) {
            log.warn("Could not hand {} over to {}; it stays here for now", name, target, e);
            return false;
        }
    }

    private boolean moveAs(Object name, Pid pid, Member target, boolean leavingNow) {
        ServerSpec spec = here.failover().spec(name);
        if (spec == null || spec.node() != here.node() || !running.containsKey(name)) {
            // ended meanwhile, or no longer this member's (a merge gave the name to the other side's server)
            log.info("{} is not moved to {}: {}", name, target, !running.containsKey(name) ? "it ended here"
                    : spec == null ? "no start of it is recorded" : "its start is recorded on node " + spec.node());
            return false;
        }
        ServerRef server = ServerRef.of(pid);
        AtomicReference<Handoff<Object>> answer = new AtomicReference<>();
        try {
            Sys.suspend(server, STEP_TIMEOUT);
            // on the server's process, with its current state; what it returns is written before the call returns
            Sys.replaceState(server, state -> {
                Handoff<Object> handoff = ask(name, pid, state);
                answer.set(handoff);
                return handoff instanceof Handoff.Resume<Object> resume ? resume.state() : state;
            }, STEP_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("Could not ask {} whether to move to {}; it stays here for now", name, target, e);
            resume(server);
            return false;
        }
        Handoff<Object> handoff = answer.get();
        if (handoff instanceof Handoff.Stay<Object> && !leavingNow) {
            stayed.put(name, target.getUuid()); // asked again when the owner changes, not on every tick
            log.info("{} stays on this member although {} owns its name now: its handoff said so", name, target);
            resume(server);
            return false;
        }
        if (!(handoff instanceof Handoff.Restart<Object>) && !writtenBeforeMove(name, target)) {
            resume(server);
            return false;
        }
        try {
            notes.set(name, handoff instanceof Handoff.Restart<Object> ? RESTART : RESUME);
            here.names().unregister(name, pid);
        } catch (RuntimeException e) {
            // the engine refused or could not confirm (a merge, a member leaving): the server must not stay suspended
            return rollBack(name, pid, server, target, e);
        }
        Pid moved;
        try {
            moved = here.hazelcast().getExecutorService(PeeperCluster.START_EXECUTOR)
                    .submitToMember(new StartOnOwner(name, spec.starter()), target)
                    .get(STEP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return rollBack(name, pid, server, target, e);
        }
        if (moved.equals(pid)) {
            // the target answered this very server as the name's holder (it read a registration this move had
            // removed): handed over to itself, the server would end, and no member would start the name again
            return rollBack(name, pid, server, target, new IllegalStateException(target + " answered " + pid
                    + ", the server being moved, as the holder of " + name));
        }
        ServerLoops.handOver(server, moved, ServerLoops.TRANSFERRED);
        log.info("Handed {} over to {} as {} ({})", name, target, moved, handoff);
        return true;
    }

    /**
     * The move failed after the server was suspended: the name goes back to the old server, which resumes where it
     * was, unless the target started it after all. Whatever fails here, the server is never left suspended.
     */
    private boolean rollBack(Object name, Pid pid, ServerRef server, Member target, Exception failure) {
        Pid holder;
        try {
            notes.delete(name);
            holder = here.names().register(name, pid) ? pid : here.names().whereis(name);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            log.warn("Could not hand {} over to {}, nor check its name afterwards; it resumes here", name, target,
                    failure);
            resume(server);
            return false;
        }
        if (pid.equals(holder)) {
            log.warn("Could not hand {} over to {}; it stays here for now", name, target, failure);
        } else if (holder != null) { // the target started it after all, late
            ServerLoops.handOver(server, holder, ServerLoops.TRANSFERRED);
            return true;
        } else {
            log.warn("Could not start {} on {}, nor give it its name back; it resumes unnamed", name, target, failure);
        }
        resume(server);
        return false;
    }

    /**
     * Whether every state the server kept is written, so that the target resumes from the last: in asynchronous mode
     * a reply does not wait for its state's write, and the target would otherwise take the name over from an older
     * state (the newer one's write, coming after, is then refused as stale). Waits at most a step's timeout.
     */
    private boolean writtenBeforeMove(Object name, Member target) {
        StateSlot slot = here.slots().of(name);
        try {
            if (slot == null || slot.awaitWritten(STEP_TIMEOUT)) {
                return true;
            }
            log.warn("{} stays here for now: the states it acknowledged were not all written within {}, and {} "
                    + "would resume from an older one; the move is tried again later", name, STEP_TIMEOUT, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private Handoff<Object> ask(Object name, Pid server, Object state) {
        Dispatcher<Object> dispatcher = dispatchers.get(server);
        if (dispatcher == null) {
            return Handoff.resume(state);
        }
        try {
            Handoff<Object> handoff = dispatcher.handoff(state);
            if (handoff == null) {
                throw new NullPointerException("handoff returned null; return Handoff.resume(state) to move");
            }
            return handoff;
        } catch (Exception e) {
            log.error("The handoff of {} threw; it moves with its current state, the default", name, e);
            return Handoff.resume(state);
        }
    }

    /** Whether a move of {@code name} to {@code owner} may be tried now: none failed, or its retry is due. */
    private boolean due(Object name, UUID owner) {
        RetryAfter retry = retries.get(name);
        return retry == null || retry.isDue(owner);
    }

    /**
     * When a failed move to {@code owner} is tried again: {@link #FIRST_RETRY} after the failure, then twice as long
     * after each further failure to the same owner, up to {@link #LAST_RETRY} (a move that cannot succeed, say its
     * states cannot be written, suspends its server briefly at each attempt); a new owner starts over.
     */
    private record RetryAfter(UUID owner, long notBeforeNanos, long delayNanos) {
        static RetryAfter first(UUID owner) {
            return new RetryAfter(owner, System.nanoTime() + FIRST_RETRY.toNanos(), FIRST_RETRY.toNanos());
        }

        /** After this retry's move failed again: {@code fresh}, the first retry, if the owner is another now. */
        RetryAfter again(RetryAfter fresh) {
            if (!fresh.owner.equals(owner)) {
                return fresh;
            }
            long delay = Math.min(2 * delayNanos, LAST_RETRY.toNanos());
            return new RetryAfter(owner, System.nanoTime() + delay, delay);
        }

        boolean isDue(UUID currentOwner) {
            return !currentOwner.equals(owner) || System.nanoTime() - notBeforeNanos >= 0;
        }
    }

    private static void resume(ServerRef server) {
        try {
            Sys.resume(server, STEP_TIMEOUT);
        } catch (RuntimeException e) {
            log.debug("Could not resume {} (it ended meanwhile?)", server, e);
        }
    }

    void close() {
        ticker.shutdownNow();
        movers.shutdownNow();
        partitionsSettled.close();
    }
}
