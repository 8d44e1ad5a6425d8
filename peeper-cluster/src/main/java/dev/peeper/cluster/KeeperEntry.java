package dev.peeper.cluster;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * What {@link ReplicatedKeeper} writes to the state map: the {@link KeptState} values, and the entry processors
 * that change them on the key's partition. Each processor is deterministic and idempotent, as Hazelcast needs
 * (it runs again on the backup, and a retry may apply one twice). Written by {@link KeeperSerializer}, so a state
 * may be a record (Compact) as well as {@link java.io.Serializable}.
 */
sealed interface KeeperEntry permits KeptState, KeeperEntry.TakeOver, KeeperEntry.Keep, KeeperEntry.Release,
        KeeperEntry.Abandon {
    /**
     * A new incarnation takes the name over: the generation goes up by one, the kept state stays. Answers the entry
     * after the change; a retry that finds its own {@code owner} token changes nothing.
     *
     * @param owner the new incarnation's token, unique to it
     */
    record TakeOver(long owner) implements KeeperEntry, EntryProcessor<Object, KeptState, KeptState> {
        @Override
        public KeptState process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.owner() == owner) {
                return now;
            }
            KeptState next = now == null ? new KeptState(1, owner, 0, null)
                    : new KeptState(now.generation() + 1, owner, 0, now.state());
            entry.setValue(next);
            return next;
        }
    }

    /**
     * Keeps {@code state} as number {@code sequence} of incarnation {@code generation}; answers the generation
     * that holds the entry now: {@code generation} if kept, a higher one if a newer incarnation took over.
     *
     * @param generation the incarnation that keeps it
     * @param owner      the member the incarnation runs on
     * @param sequence   the state's number within the incarnation
     * @param state      the state
     */
    record Keep(long generation, long owner, long sequence, Object state) implements KeeperEntry,
            EntryProcessor<Object, KeptState, Long> {
        @Override
        public Long process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.generation() > generation) {
                return now.generation();
            }
            if (now == null || now.generation() < generation || now.sequence() < sequence) {
                entry.setValue(new KeptState(generation, owner, sequence, state));
            }
            return generation;
        }
    }

    /**
     * The server ended for good: its state goes, unless a newer incarnation holds it.
     *
     * @param generation the incarnation that ended
     */
    record Release(long generation) implements KeeperEntry, EntryProcessor<Object, KeptState, Void> {
        @Override
        public Void process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.generation() <= generation) {
                entry.setValue(null);
            }
            return null;
        }
    }

    /**
     * The start of incarnation {@code generation} failed after it took the name over: the server never ran. The
     * entry goes only if it is still that incarnation's and holds no state (the takeover made it); a state the
     * incarnation found stays, for the next start to resume from (a failover that retries after its first start
     * timed out must not find the acknowledged state gone).
     *
     * @param generation the incarnation whose start failed
     */
    record Abandon(long generation) implements KeeperEntry, EntryProcessor<Object, KeptState, Void> {
        @Override
        public Void process(Map.Entry<Object, KeptState> entry) {
            KeptState now = entry.getValue();
            if (now != null && now.generation() == generation && now.state() == null) {
                entry.setValue(null);
            }
            return null;
        }
    }
}
