package dev.peeper.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * What Peeper's merge policies of the state map share: an entry on one side only is kept as it is, and two
 * {@link KeptState}s of one name are merged by {@link #merge(KeptState, KeptState)}. Runs on a partition thread,
 * once per entry, and calls no user code. A policy has no fields: it is the same on every member.
 */
abstract class KeptStateMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

    @Override
    public final Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        if (merging == null) {
            return existing.getRawValue();
        }
        if (!(merging.getDeserializedValue() instanceof KeptState theirs)
                || !(existing.getDeserializedValue() instanceof KeptState mine)) {
            return existing.getRawValue();
        }
        KeptState merged = merge(mine, theirs);
        return merged == mine ? existing.getRawValue() : merged == theirs ? merging.getRawValue() : merged;
    }

    /**
     * The entry kept when {@code mine}, of the cluster merged into, meets {@code theirs}, of the cluster merging in:
     * one of the two (then stored as it was), or a new one.
     */
    abstract KeptState merge(KeptState mine, KeptState theirs);

    @Override
    public final void writeData(ObjectDataOutput out) {
        // no fields
    }

    @Override
    public final void readData(ObjectDataInput in) {
        // no fields
    }
}
