package dev.peeper.cluster;

/**
 * The steps of a merge after a split, played on one member by hand, for tests of what the merge does with the
 * member's servers: the engine's own merge needs a real split and heal.
 */
final class Merging {
    private Merging() {
    }

    /**
     * The engine begins to merge {@code member} into another cluster (replies wait for their writes), whose names map
     * holds none of {@code freed} (the merge discards the member's own map), and the member forgets what it cached.
     */
    static void begin(PeeperCluster member, Object... freed) {
        member.mergeBarrier().close(member.slots());
        for (Object name : freed) {
            member.hazelcast().getMap(ClusterNames.MAP).delete(name); // as in the merged cluster's map
        }
        member.names().forgetAll(); // as the merge does
    }

    /** The merge settles the member's servers, returning once those it stops have ended, and replies stop waiting. */
    static void settle(PeeperCluster member) {
        member.conflicts().afterMerge();
        member.mergeBarrier().open(member.mergeBarrier().closing());
    }
}
