package dev.peeper.cluster;

import com.hazelcast.map.EntryProcessor;
import dev.peeper.process.Pid;
import java.io.Serial;
import java.util.Map;

/**
 * Claims a name for a pid on the name's partition: binds it if free, and answers the holder (the claimant
 * itself when it won). Deterministic and idempotent, as an entry processor must be: it runs again on the backup,
 * and a retried claim that had already won finds its own pid.
 *
 * @param claimant the pid that wants the name
 */
record ClaimName(Pid claimant) implements EntryProcessor<Object, Pid, Pid> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Pid process(Map.Entry<Object, Pid> entry) {
        Pid holder = entry.getValue();
        if (holder != null) {
            return holder;
        }
        entry.setValue(claimant);
        return claimant;
    }
}
