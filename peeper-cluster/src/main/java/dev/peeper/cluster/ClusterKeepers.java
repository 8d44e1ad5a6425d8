package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.peeper.keeper.KeeperFactory;
import dev.peeper.keeper.Keepers;
import dev.peeper.registry.ProcessName;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeper strategies for a named Peeper server in a cluster, one per {@linkplain Replication.Mode mode}. The
 * replicated ones keep the state under the server's name (which shares its partition with the name's
 * registration), so it outlives the member it runs on.
 *
 * <pre>{@code
 * Peeper.start(Counter::new, 0, PeeperOptions.defaults().withName(cluster.name("hits"))
 *         .withKeeper(ClusterKeepers.synchronous(cluster)));
 * }</pre>
 *
 * <table>
 *   <caption>What each mode guarantees</caption>
 *   <tr><th>mode</th><th>a reply waits for</th><th>a member's death loses</th></tr>
 *   <tr><td>{@link #synchronous synchronous}</td><td>the state on a backup member of the majority (one write per
 *       group of messages handled back to back)</td><td>no acknowledged update</td></tr>
 *   <tr><td>{@link #asynchronous asynchronous}</td><td>nothing (unless replication is beyond its bounds); but
 *       it is refused, as in synchronous mode, while the member is outside the majority or its partition has no
 *       backup</td>
 *       <td>at most the updates of the last {@code maxLag}, never more than {@code maxUpdates}</td></tr>
 *   <tr><td>{@link #local local}</td><td>nothing</td><td>the state: the server starts again from {@code init}</td></tr>
 * </table>
 * In every mode a worker's crash loses nothing: the next worker resumes from the last state kept on its member.
 *
 * <p>A server whose workers crash beyond its restart intensity because a replicated keeper refused to acknowledge
 * their states ({@link NotReplicatedException}: this member without a majority, a lease or a backup, or replication
 * lagging) gives up, as any server over its intensity does, but its last acknowledged state stays: the refusals came
 * from the cluster, not from the server. A server started with {@link PeeperCluster#startOnOwner} (or a cluster
 * child) is started again, from that state, once its member may acknowledge again; any later start of the name
 * through {@link ClusterStarters#peeper} resumes from it too. A give-up caused by the server's own crashes releases
 * the state, as on one JVM.
 */
public final class ClusterKeepers {
    /** The map that holds the states: name to {@code KeptState}, one synchronous backup. */
    public static final String MAP = "peeper.states";

    private ClusterKeepers() {
    }

    /**
     * Synchronous replication with group commit: the states of the messages a worker handles back to back are
     * written once, when its mailbox is empty, and at the latest before a reply is released; so a reply (or a call
     * after casts) acknowledges only state that is on the name's partition owner and its backup, and a newer
     * incarnation of the name fences older ones off. A reply is refused with {@link NotReplicatedException}
     * (the caller gets it, the update is undone) when this member sees fewer than
     * {@link ClusterOptions#minimumMembers()} members, has not confirmed its membership within its
     * {@linkplain ClusterOptions#lease() lease} (it was paused, say), or the partition has no backup on another
     * member: so with one member, use {@link #local()}. (With a Hazelcast {@code Config} of your own, set the
     * properties {@code peeper.minimum.members} and {@code peeper.lease.millis}; by default 2 and half the
     * failure-detection time.)
     *
     * <p>A reply given through {@code From} on the server's own worker (inside a callback, for the call at hand or
     * one deferred earlier) waits in the same way: it is released once that callback has completed and its state
     * is written, and its caller hears the failure instead if the write is refused. A reply given through
     * {@code From} by another process is released when given: that process cannot know the server's state, so it
     * acknowledges only what the server had written when it handed the {@code From} over (to be sure of more, send
     * the answer back to the server and reply from its callback). An incarnation that finds a newer one holding
     * its name ({@link FencedException}) ends at once, without restarts, with {@code ExitReason.shutdown} of that
     * exception.
     *
     * @param cluster the member whose engine holds the states
     * @return the keepers, for {@code PeeperOptions.withKeeper}
     */
    public static KeeperFactory synchronous(PeeperCluster cluster) {
        IMap<Object, KeptState> states = states(cluster);
        AcknowledgeCheck check = check(cluster);
        return name -> new ReplicatedKeeper(slot(cluster, states, name), check);
    }

    /**
     * Asynchronous replication: replies do not wait for it; it runs at most {@code maxUpdates} updates and
     * {@code maxLag} behind (a worker that gets further ahead waits for it, and its message fails with
     * {@link NotReplicatedException} ({@code LAGGING}) if replication does not catch up within {@code maxLag} plus
     * the backup timeout).
     *
     * <p><b>The loss window, exactly.</b> A reply (or an answer through {@code From} on the server's worker) is
     * released without waiting for its state to be written, but only while this member may acknowledge, as in
     * synchronous mode: it sees at least {@link ClusterOptions#minimumMembers()} members, its
     * {@linkplain ClusterOptions#lease() lease} runs, and the state's partition has a backup on another member;
     * otherwise the reply is refused with {@link NotReplicatedException} (the update may still be kept: it was
     * handled, only not acknowledged). What a member's death (or a pause or split that makes the others take its
     * servers over) can lose is the acknowledged updates whose write had not completed on the partition owner and
     * its backup: never more than {@code maxUpdates} of them, and only updates acknowledged while the worker was
     * less than {@code maxLag} ahead of replication (each new message waits for that). A paused member does not add
     * to it: its lease, shorter than the failure-detection time, has expired before the others can remove it, and
     * it acknowledges nothing after resuming until a majority confirms it again (a member that was removed meanwhile
     * is never confirmed: its writes go to a cluster of its own, which the merge discards, but nothing it
     * acknowledged is among them). Two members dying at once lose as in synchronous mode (beyond the one backup).
     * An incarnation fenced by a newer one ends at its next state. A graceful move ({@code handoff}: a member joins
     * and takes the name, or closes) loses nothing: it waits until every state the server kept is written before the
     * name moves. Nor does a heal where no majority is expected (a minimum of one member, where each side of a split
     * acknowledges alone): before the engine takes a side's entries to merge them, each of its members writes every
     * state its servers kept, and until the merge has settled its servers a reply waits for its state's write
     * ({@link MergeBarrier}; a write not done within {@code maxLag} plus the backup timeout is refused as
     * {@code MERGING}).
     *
     * @param cluster    the member whose engine holds the states
     * @param maxUpdates how many updates replication may be behind, 1 or more
     * @param maxLag     how long replication may be behind; positive
     * @return the keepers, for {@code PeeperOptions.withKeeper}
     * @throws IllegalArgumentException if {@code maxUpdates < 1} or {@code maxLag} is not positive
     */
    public static KeeperFactory asynchronous(PeeperCluster cluster, int maxUpdates, Duration maxLag) {
        Replication.asynchronous(maxUpdates, maxLag); // checks the bounds
        IMap<Object, KeptState> states = states(cluster);
        AcknowledgeCheck check = check(cluster);
        Duration backupWait = backupTimeout(cluster.hazelcast());
        return name -> {
            StateSlot slot = slot(cluster, states, name);
            AsyncReplicatedKeeper keeper = new AsyncReplicatedKeeper(slot, check, maxUpdates, maxLag, backupWait);
            slot.writtenLaterBy(keeper::awaitWritten); // a move waits for what it acknowledged to be written
            return keeper;
        };
    }

    /**
     * No replication: the state lives on its member only and dies with it (as in Swarm); on another member the
     * server starts again from {@code init}. Worker crashes still lose nothing. The in-memory keeper.
     *
     * @return the keepers, for {@code PeeperOptions.withKeeper}
     */
    public static KeeperFactory local() {
        return Keepers.inMemory();
    }

    /**
     * The keepers of {@code replication}'s mode.
     *
     * @param cluster     the member whose engine holds the states
     * @param replication how the states are kept
     * @return the keepers, for {@code PeeperOptions.withKeeper}
     */
    public static KeeperFactory of(PeeperCluster cluster, Replication replication) {
        Objects.requireNonNull(replication, "replication; Replication.synchronous() is the default");
        return switch (replication.mode()) {
            case SYNCHRONOUS -> synchronous(cluster);
            case ASYNCHRONOUS -> asynchronous(cluster, replication.maxUpdates(), replication.maxLag());
            case LOCAL -> local();
        };
    }

    /**
     * The slot of {@code name}'s state; a server that gives up because its states could not be acknowledged leaves
     * it for the failover, which starts the server again once this member may acknowledge.
     */
    private static StateSlot slot(PeeperCluster cluster, IMap<Object, KeptState> states, ProcessName name) {
        Object key = keyOf(name);
        // made on the starter's thread: the engine key is serialized there, not on the server's own (EngineKeys)
        return new StateSlot(states, key, EngineKeys.of(cluster.hazelcast(), key),
                cluster.failover()::resumeWhenHealthy, cluster.slots(), cluster.conflicts()::resolveSoon);
    }

    private static AcknowledgeCheck check(PeeperCluster cluster) {
        return new AcknowledgeCheck(cluster.quorum(), new PartitionBackups(cluster.hazelcast()),
                cluster.failover()::stoppedCutOff, cluster.mergeBarrier(), backupTimeout(cluster.hazelcast()));
    }

    private static IMap<Object, KeptState> states(PeeperCluster cluster) {
        return Objects.requireNonNull(cluster, "cluster").hazelcast().getMap(MAP);
    }

    /** How long a write waits for its backup: Hazelcast's {@code hazelcast.operation.backup.timeout.millis}. */
    private static Duration backupTimeout(HazelcastInstance hazelcast) {
        String millis = hazelcast.getConfig().getProperty("hazelcast.operation.backup.timeout.millis");
        return Duration.ofMillis(millis == null ? 5_000 : Long.parseLong(millis));
    }

    private static Object keyOf(ProcessName name) {
        if (name == null) {
            throw new IllegalArgumentException("a replicated keeper keeps a named server's state under its name: "
                    + "start the server with a name (PeeperOptions.named(cluster.name(...)))");
        }
        return name.name();
    }
}
