package dev.peeper.cluster;

import dev.peeper.cluster.NotReplicatedException.Kind;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * What a replicated keeper checks before a reply acknowledges a state, in both modes: this member still belongs to
 * the majority ({@link Quorum}: enough members, a running lease), and the state's partition has a backup on another
 * member. Refusals are {@link NotReplicatedException}s that say why.
 */
final class AcknowledgeCheck {
    private static final long BACKUP_POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final Quorum quorum;
    private final PartitionBackups backups;
    /** Whether the server of a key was stopped because this member was cut off: {@link Failover#stoppedCutOff}. */
    private final Predicate<Object> stoppedCutOff;
    /** Closed while this member is merged into another cluster after a split: {@link MergeBarrier}. */
    private final MergeBarrier merge;
    /** How long a reply waits for the partition's backup to be (re)assigned, e.g. just after a member left. */
    private final long backupWaitNanos;

    AcknowledgeCheck(Quorum quorum, PartitionBackups backups, Predicate<Object> stoppedCutOff, MergeBarrier merge,
                     Duration backupWait) {
        this.quorum = quorum;
        this.backups = backups;
        this.stoppedCutOff = stoppedCutOff;
        this.merge = merge;
        this.backupWaitNanos = backupWait.toNanos();
    }

    /** @throws NotReplicatedException unless this member may acknowledge now (see {@link Quorum#require}) */
    void requireMajority(Object key) {
        quorum.require(key);
    }

    /** Whether this member is being merged into another cluster after a split: see {@link MergeBarrier}. */
    boolean merging() {
        return merge.merging();
    }

    /** How many membership changes this member has seen: a reply that writes nothing re-checks its name after one. */
    long membershipChanges() {
        return quorum.membershipChanges();
    }

    /**
     * Whether the server of {@code key}, ending, must keep its state: this member is cut off from the majority, or it
     * was when it stopped the server. The majority resumes from that state ({@link MajorityGuard}), or this member
     * does when it is back; a cut-off that ended before the server did must not make it delete the state.
     */
    boolean stateStays(Object key) {
        return quorum.cutOff() || stoppedCutOff.test(key);
    }

    /**
     * Whether an asynchronous acknowledgement needs a backup member: unless the minimum is one member, where no
     * majority is expected and a member alone serves on (a split's two sides then merge their states after the heal:
     * {@link MergeDivergedStates}).
     */
    boolean asyncNeedsBackup() {
        return !sidesResolveConflicts();
    }

    /**
     * Whether no majority decides (a minimum of one member): both sides of a split may serve a name, and its
     * incarnations' diverged states are merged by the kept one's {@code resolveConflict} ({@link Conflicts}).
     */
    boolean sidesResolveConflicts() {
        return quorum.minimum() <= 1;
    }

    /**
     * Whether a write of {@code slot}'s state now would likely be acknowledged, as far as this member knows without
     * asking. (A slot, not a name: its partition is found from the key it already serialized, {@link EngineKeys}.)
     */
    boolean likely(StateSlot slot) {
        return quorum.likely() && !merge.merging() && backups.backupOf(slot.entryKey()) != null;
    }

    /** The member holding the backup of {@code slot}'s partition now, or {@code null}. */
    UUID backupOf(StateSlot slot) {
        return backups.backupOf(slot.entryKey());
    }

    /**
     * The member holding the backup of {@code slot}'s partition, waiting (bounded) for one to be assigned.
     *
     * @throws NotReplicatedException if none is within the backup timeout
     */
    UUID awaitBackup(StateSlot slot) {
        long deadline = System.nanoTime() + backupWaitNanos;
        while (true) {
            UUID backup = backups.backupOf(slot.entryKey());
            if (backup != null) {
                return backup;
            }
            if (System.nanoTime() - deadline > 0) {
                throw noBackup(slot.key(), "its partition had no backup on another member within "
                        + Duration.ofNanos(backupWaitNanos));
            }
            LockSupport.parkNanos(BACKUP_POLL_NANOS); // the partition table changes on Hazelcast's threads: poll it
        }
    }

    /** The refusal of a state of {@code key} that would live on one member only, {@code why}. */
    static NotReplicatedException noBackup(Object key, String why) {
        return new NotReplicatedException(Kind.NO_BACKUP, "the state of " + key + " was not acknowledged: "
                + why + "; with one member there is none (run at least two, or use ClusterKeepers.local)");
    }
}
