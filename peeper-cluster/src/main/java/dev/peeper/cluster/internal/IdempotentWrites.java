package dev.peeper.cluster.internal;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.spi.exception.RetryableException;
import java.util.function.Supplier;

/**
 * Runs an idempotent write again when Hazelcast cannot tell whether it happened: with
 * {@code fail.on.indeterminate.state} (which Peeper sets, so that "acknowledged" means "backed up") a write whose
 * primary or backup died, or whose backup did not answer in time, fails with
 * {@link IndeterminateOperationStateException} (seen right after a cluster formed, while its partitions still
 * migrate); a {@link RetryableException} that escaped the engine's own retries says the same. A write that may apply
 * twice without harm (adding or removing one membership, keeping a state under its number) is simply tried again.
 */
public final class IdempotentWrites {
    /** How many attempts {@link #retry(Supplier)} makes. */
    public static final int ATTEMPTS = 3;

    private IdempotentWrites() {
    }

    /**
     * {@code write}'s result, after at most {@value #ATTEMPTS} attempts.
     *
     * @param <T>   what the write answers
     * @param write an idempotent write
     * @return what the write answered
     * @throws RuntimeException the last failure, or the first one whose outcome is known
     */
    public static <T> T retry(Supplier<T> write) {
        return retry(ATTEMPTS, write, () -> { });
    }

    /**
     * {@code write}'s result, after at most {@code attempts} attempts; {@code beforeRetry} runs before each attempt
     * after the first (it may throw to stop trying: an attempt may have waited a whole backup timeout).
     *
     * @param <T>         what the write answers
     * @param attempts    how many attempts at most, 1 or more
     * @param write       an idempotent write
     * @param beforeRetry what runs before each attempt after the first
     * @return what the write answered
     * @throws RuntimeException the last failure, the first one whose outcome is known, or what beforeRetry threw
     */
    public static <T> T retry(int attempts, Supplier<T> write, Runnable beforeRetry) {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                beforeRetry.run();
            }
            try {
                return write.get();
            } catch (RuntimeException e) {
                boolean unknownOutcome = e instanceof IndeterminateOperationStateException
                        || e instanceof RetryableException; // an interface, so not in a multi-catch
                if (!unknownOutcome || attempt >= attempts) {
                    throw e;
                }
            }
        }
    }
}
