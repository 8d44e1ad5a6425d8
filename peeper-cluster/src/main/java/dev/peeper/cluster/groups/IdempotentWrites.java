package dev.peeper.cluster.groups;

import com.hazelcast.core.IndeterminateOperationStateException;
import java.util.function.Supplier;

/**
 * Runs a membership write again when Hazelcast cannot tell whether it happened: with
 * {@code fail.on.indeterminate.state} (which Peeper sets, so that "acknowledged" means "backed up") a write whose
 * backup did not answer in time fails with {@link IndeterminateOperationStateException}; seen right after a cluster
 * formed, while its partitions still migrate. Adding or removing one membership is idempotent, so it is retried.
 */
final class IdempotentWrites {
    private static final int ATTEMPTS = 3;

    private IdempotentWrites() {
    }

    /** {@code write}'s result, after at most {@value #ATTEMPTS} attempts; the last failure is thrown. */
    static <T> T retry(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (IndeterminateOperationStateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
