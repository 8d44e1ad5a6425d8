package dev.peeper.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import java.time.Duration;

/**
 * What Peeper configures for network splits and pauses, on top of {@link Quorum}: split-brain protection on its
 * maps (the names, the states and the specs of the servers to keep running), so that a member cut off from the
 * majority writes none of them (it cannot claim a name, take a state over or record a start), and the merge policy
 * of the state map after a split heals (the higher (generation, sequence) wins: {@link KeepHigherState}).
 *
 * <p>The protection is {@link MajorityFunction}, "recently active" on the monotonic clock: present while this member
 * and the members it heard a heartbeat from within 70% of the failure-detection time make
 * {@value Quorum#MINIMUM_MEMBERS}. It guards writes only: a minority side may still read, which is how its servers
 * find they are superseded. Not configured when the minimum is 1: no majority is expected then.
 */
final class PartitionSettings {
    /** The name of Peeper's split-brain protection in the Hazelcast configuration. */
    static final String PROTECTION = "peeper.majority";

    private PartitionSettings() {
    }

    /** Adds the protection and the merge policy to {@code config}, whose Peeper maps are configured already. */
    static void apply(Config config) {
        String minimumValue = config.getProperty(Quorum.MINIMUM_MEMBERS);
        int minimum = minimumValue == null ? 2 : Integer.parseInt(minimumValue);
        // with a majority, only its side can have taken a name over; without, both may have, and the server merges
        Class<?> merge = minimum < 2 ? MergeDivergedStates.class : KeepHigherState.class;
        config.getMapConfig(ClusterKeepers.MAP).setMergePolicyConfig(
                new MergePolicyConfig(merge.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
        if (minimum < 2) {
            return;
        }
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(PROTECTION, true, minimum)
                .setProtectOn(SplitBrainProtectionOn.WRITE)
                .setFunctionImplementation(new MajorityFunction(minimum, tolerance(config).toNanos())));
        for (String map : new String[] {ClusterNames.MAP, ClusterKeepers.MAP, Failover.MAP}) {
            MapConfig guarded = config.getMapConfig(map);
            guarded.setSplitBrainProtectionName(PROTECTION);
        }
    }

    /** The function configured by {@link #apply}, or {@code null} if none (a minimum of 1). */
    static MajorityFunction function(Config config) {
        SplitBrainProtectionConfig protection = config.getSplitBrainProtectionConfigs().get(PROTECTION);
        return protection != null && protection.getFunctionImplementation() instanceof MajorityFunction function
                ? function : null;
    }

    /**
     * How recently a member must have been heard from to count: 70% of the failure-detection time (so a cut-off
     * member stops at least 30% of it, 1.5 s by default, before the others remove it and take its servers over; less
     * would stop healthy members whose heartbeats a loaded machine delays), and at least two heartbeats.
     */
    private static Duration tolerance(Config config) {
        String silence = config.getProperty("hazelcast.max.no.heartbeat.seconds");
        String beat = config.getProperty("hazelcast.heartbeat.interval.seconds");
        Duration tolerance = Duration.ofSeconds(silence == null ? 60 : Long.parseLong(silence)).multipliedBy(7)
                .dividedBy(10);
        Duration twoBeats = Duration.ofSeconds(beat == null ? 5 : Long.parseLong(beat)).multipliedBy(2);
        return tolerance.compareTo(twoBeats) < 0 ? twoBeats : tolerance;
    }
}
