package dev.peeper.cluster;

/**
 * How the state map merges after a split heals: of the two entries of one name, the one of the higher
 * (generation, sequence) wins; on a tie the entry already in the cluster stays. A newer incarnation always has a
 * higher generation (each takeover bumps it), and within one incarnation a later state has a higher sequence, so
 * the state kept is the newest one an incarnation that could acknowledge wrote: a minority side cannot take a name
 * over (the map's split-brain protection refuses its writes), so it cannot outbid the majority's incarnation.
 *
 * <p>Runs on a partition thread, once per entry: it compares two numbers and calls no user code. Hazelcast makes
 * it from its class name ({@link HazelcastSettings} configures it), so it is public with a public constructor; it
 * is not meant to be used otherwise.
 */
public final class KeepHigherState extends KeptStateMergePolicy {
    /** For Hazelcast, which makes the policy from its class name. */
    public KeepHigherState() {
    }

    @Override
    KeptState merge(KeptState mine, KeptState theirs) {
        return higher(theirs, mine) ? theirs : mine;
    }

    /** Whether {@code merging} beats {@code existing}: a higher generation, or the same one and a higher sequence. */
    static boolean higher(Object merging, Object existing) {
        if (!(merging instanceof KeptState m) || !(existing instanceof KeptState e)) {
            return existing == null;
        }
        return m.generation() != e.generation() ? m.generation() > e.generation() : m.sequence() > e.sequence();
    }
}
