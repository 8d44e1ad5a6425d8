package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.peeper.cluster.internal.IdempotentWrites;
import dev.peeper.cluster.transport.Members;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.registry.NameRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide names: the {@link NameRegistry} whose names every member sees, kept in the Hazelcast map
 * {@value #MAP} with one synchronous backup. A name is claimed by an entry processor on its partition, so two
 * members registering it at once get one winner; a registration returns only once its backup holds it, and
 * lookups read the owner's copy, so no lookup after a registration returned misses it (a late joiner included).
 * A name is freed when its process ends (the runtime unregisters it) and when its member leaves the cluster (the
 * remaining members remove that node's names; a registration or lookup meanwhile treats them as free).
 *
 * <p>Each member caches what it looked up ({@link NameCache}), so that a call by name costs no map read once the
 * name is known: a cached holder is dropped on every member before a removal of the name returns, and a miss is
 * never cached, so the cache answers exactly what the map would (a holder that has ended but whose name is not
 * freed yet is found either way; a call by name to it meets {@code noproc}, which proves it never ran, and is made
 * again to the name's next holder within its timeout).
 *
 * <pre>{@code
 * ProcessName orders = ProcessName.via(cluster.names(), "orders");
 * GenServers.start(new OrderBook(), null, StartOptions.named(orders));   // on any member
 * ServerRef.named(orders).call(new Get());                               // from any member
 * }</pre>
 *
 * <p>Names are any value Hazelcast can serialize and compare by its bytes: strings, numbers, records.
 */
public final class ClusterNames implements NameRegistry {
    /** The map that holds the names: name to pid. */
    public static final String MAP = "peeper.names";
    /** The executor that carries {@link ForgetName} to the other members. */
    static final String FORGET_EXECUTOR = "peeper.names.forget";
    /**
     * How long a removal waits for the other members to drop the name from their caches. A member that does not
     * answer in time is frozen or leaving (it is removed from the cluster, its cache with it), or so slow that it
     * may answer the old holder from its cache until it forgets, late.
     */
    private static final Duration FORGET_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ClusterNames.class);

    private final HazelcastInstance hazelcast;
    private final IMap<Object, Pid> names;
    private final NameCache cache = new NameCache();
    private final Members members;
    private final HostedProcesses hosted;
    /** This member's node number: its processes' pids carry it. */
    private final long node;
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("peeper-names-cleaner").factory());

    ClusterNames(HazelcastInstance hazelcast, Members members, HostedProcesses hosted) {
        this.hazelcast = hazelcast;
        this.names = hazelcast.getMap(MAP);
        this.members = members;
        this.hosted = hosted;
        this.node = Members.nodeOf(hazelcast.getCluster().getLocalMember());
        members.onLeave(cache::forgetNode);
        members.onLeave(this::freeNamesOf);
    }

    @Override
    public boolean register(Object name, Pid pid) {
        if (claim(name, pid)) {
            hosted.registered(pid);
            return true;
        }
        return false;
    }

    private boolean claim(Object name, Pid pid) {
        // a claim whose outcome the engine cannot tell (a backup that did not answer in time) is made again: a claim
        // that had won finds its own pid
        Pid holder = IdempotentWrites.retry(() -> names.executeOnKey(name, new ClaimName(pid)));
        if (holder == null || holder.equals(pid)) {
            return true;
        }
        // a live holder (if perhaps not admitted yet) keeps the name; one whose member left does not, nor a process
        // of this member that has ended (a merge after a split can bring back a name this member had freed)
        if (members.isPresent(RemoteNodes.nodeOf(holder)) && !endedHere(holder)) {
            return false;
        }
        // free: whether this removes the dead holder or a clean-up got there first (then the claim again finds the
        // name free, or a live holder that was quicker)
        if (names.remove(name, holder)) {
            forgetEverywhere(name, holder);
        }
        holder = IdempotentWrites.retry(() -> names.executeOnKey(name, new ClaimName(pid)));
        return holder == null || holder.equals(pid);
    }

    /**
     * {@inheritDoc} On a member that has shut down, nothing: the other members freed its names when it left.
     */
    @Override
    public void unregister(Object name, Pid pid) {
        boolean removed;
        AtomicBoolean uncertain = new AtomicBoolean(); // a removal made again may find it done by the first attempt
        try {
            removed = IdempotentWrites.retry(IdempotentWrites.ATTEMPTS, () -> names.remove(name, pid),
                    () -> uncertain.set(true));
        } catch (HazelcastInstanceNotActiveException e) {
            log.debug("{} ended after its member shut down; the other members freed its name {}", pid, name);
            return;
        } catch (SplitBrainProtectionException e) {
            // this member is cut off from the majority: the name stays, and is replaced by the majority's takeover,
            // or freed when this member starts the server again (Failover)
            log.debug("Could not free {} while cut off from the majority", name, e);
            cache.forget(name, pid);
            return;
        }
        // here whatever the map held: a holder the map lost without a word to the caches (a merge replaced its
        // entry) must not be answered from this member's cache after it ended
        cache.forget(name, pid);
        if (removed || uncertain.get()) {
            forgetEverywhere(name, pid);
        }
    }

    @Override
    public Pid whereis(Object name) {
        Pid cached = cache.get(name);
        if (cached != null) {
            if (isReachable(cached)) {
                return cached;
            }
            cache.forget(name, cached); // its member left: the map read below says who holds the name now
        }
        return reachableOrNull(cache.fill(name, () -> names.get(name), this::isReachable));
    }

    /**
     * {@inheritDoc} Dropped from this member's cache only: the map's entry is freed as the process ends (or as its
     * member leaves), and a lookup reads the map until then.
     */
    @Override
    public void holderEnded(Object name, Pid pid) {
        cache.forget(name, pid);
    }

    /**
     * {@code true}: a call by a cluster name that finds no holder waits for one within its timeout, since the name
     * comes back by itself when its server starts again on another member, or finishes starting on its owner.
     *
     * @return {@code true}
     */
    @Override
    public boolean waitsForHolder() {
        return true;
    }

    /** Drops {@code name}'s binding to {@code pid} from this member's cache ({@code null}: every name of pid). */
    void forgetHere(Object name, Pid pid) {
        cache.forget(name, pid);
    }

    /** Drops every cached holder: this member was merged into another cluster after a split. */
    void forgetAll() {
        cache.forgetAll();
    }

    /**
     * Frees every name the names map says a process of this member holds when that process has ended. Asked after a
     * merge: the entries of the side merged in go where the name is free, and one whose process ended while the
     * merge was under way (its removal went to the map the merge discarded) comes back with a holder nothing else
     * would free until this member leaves. Other members would answer it to a lookup, and a call to it fail; the
     * failover would not start the server again, since its member is present.
     */
    void freeEndedHoldersHere() {
        for (Map.Entry<Object, Pid> held : names.entrySet(new OnNode(node))) {
            Pid holder = held.getValue();
            if (endedHere(holder)) {
                log.info("{} was registered to {}, a process of this member that has ended, after the merge: freed",
                        held.getKey(), holder);
                unregister(held.getKey(), holder);
            }
        }
    }

    /** The processes holding {@code keys} in the names map now, read past the cache, in one call: the held ones. */
    Map<Object, Pid> holders(Set<Object> keys) {
        return names.getAll(keys);
    }

    /** The process holding {@code name} in the names map now, read past the cache; {@code null} if none. */
    Pid holder(Object name) {
        return names.get(name);
    }

    /**
     * {@link #holder}, or {@code null} if its member has left: the map keeps a departed member's names until the
     * clean-up after its departure frees them, and until then such a holder holds nothing that runs (as
     * {@link #whereis} answers, but never from the cache). What a start decides on.
     */
    Pid liveHolder(Object name) {
        return reachableOrNull(names.get(name));
    }

    /** How many names this member has cached: for tests. */
    int cached() {
        return cache.size();
    }

    /**
     * Drops {@code name}'s binding to {@code pid} from every member's cache, this one's first, and waits (a bounded
     * time) until the others have: after a removal returns, no member answers the old holder from its cache.
     */
    private void forgetEverywhere(Object name, Pid pid) {
        cache.forget(name, pid);
        try {
            String self = hazelcast.getCluster().getLocalMember().getUuid().toString();
            Set<Member> others = hazelcast.getCluster().getMembers().stream()
                    .filter(member -> Members.nodeOf(member) != 0 && !member.getUuid().toString().equals(self))
                    .collect(Collectors.toSet());
            if (others.isEmpty()) {
                return;
            }
            IExecutorService executor = hazelcast.getExecutorService(FORGET_EXECUTOR);
            Map<Member, Future<Boolean>> answers = executor.submitToMembers(new ForgetName(name, pid), others);
            long deadline = System.nanoTime() + FORGET_TIMEOUT.toNanos();
            for (Map.Entry<Member, Future<Boolean>> answer : answers.entrySet()) {
                awaitForget(answer.getKey(), answer.getValue(), deadline, name);
            }
        } catch (RuntimeException e) { // this member is shutting down: its cache goes with it
            log.debug("Could not tell the other members that {} no longer holds {}", pid, name, e);
        }
    }

    private static void awaitForget(Member member, Future<Boolean> answer, long deadline, Object name) {
        try {
            answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // gone, leaving or frozen (it leaves the cluster, and its cache with it), or only slow: not cancelled, so
            // that a slow member still forgets, late
            log.debug("Member {} did not confirm that it forgot the holder of {}", member, name, e);
        }
    }

    /** Closes the clean-up executor. */
    void close() {
        cleaner.shutdown();
    }

    /**
     * Whether {@code pid} is a process of this member that has ended: as a holder it holds nothing, though its name
     * may still be registered to it (a merge brought the entry back, or its removal was refused while cut off).
     */
    boolean endedHere(Pid pid) {
        return RemoteNodes.nodeOf(pid) == node && !RemoteNodes.isAlive(pid);
    }

    private boolean isReachable(Pid pid) {
        return members.contains(RemoteNodes.nodeOf(pid));
    }

    /** {@code holder} if its member is in the cluster, else {@code null} (also for a {@code null} holder). */
    private Pid reachableOrNull(Pid holder) {
        return holder == null || !isReachable(holder) ? null : holder;
    }

    /**
     * Removes every name held by a process of node {@code gone}: off the event thread, which must not block. Not if
     * the node is back by then: a member merged back after a split keeps its node number, and the names its new
     * servers registered since (a handoff to it, right after the merge) are not the dead incarnation's to free.
     */
    private void freeNamesOf(long gone) {
        try {
            cleaner.execute(() -> {
                if (members.isPresent(gone)) {
                    log.debug("Node {} is back before its names were freed: they stay", gone);
                    return;
                }
                try {
                    names.removeAll(new OnNode(gone));
                } catch (HazelcastInstanceNotActiveException e) {
                    log.debug("This member shut down before it freed the names of node {}", gone, e);
                } catch (RuntimeException e) {
                    log.warn("Could not free the names of the node {} that left; lookups ignore them", gone, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // this member is closing: the other members free the names
        }
    }

    @Override
    public String toString() {
        return "cluster";
    }
}
