package dev.peeper.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What a server does after a {@link Reply} or {@link Next}, before it takes the next message: nothing special,
 * an idle timeout, hibernation, or a continuation. Usually written through {@code Next.of(s).timeout(...)} and
 * friends rather than directly.
 */
public sealed interface After permits After.Wait, After.Timeout, After.Hibernate, After.Continue {

    /**
     * Wait for the next message.
     *
     * @return the default: no timeout, no continuation
     */
    static After waitForMessage() {
        return Wait.INSTANCE;
    }

    /** Just wait for the next message. */
    record Wait() implements After {
        static final Wait INSTANCE = new Wait();
    }

    /**
     * If no message arrives within {@code timeout}, {@code handleInfo} receives {@link IdleTimeout}. Any
     * message cancels it.
     *
     * @param timeout how long to wait; zero means "if nothing is already queued"
     */
    record Timeout(Duration timeout) implements After {
        /** Checks the timeout. */
        public Timeout {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("an idle timeout must not be negative: " + timeout);
            }
        }
    }

    /**
     * Erlang's {@code hibernate}: accepted for compatibility. On the JVM a parked virtual thread already holds
     * only its live stack frames on the heap, so hibernating waits for the next message exactly like
     * {@link Wait}; it does not compact the state.
     */
    record Hibernate() implements After {
        static final Hibernate INSTANCE = new Hibernate();
    }

    /**
     * Run {@code handleContinue(continuation, state)} before taking any message, OTP's {@code {continue, C}}.
     *
     * @param continuation passed to {@code handleContinue}
     */
    record Continue(Object continuation) implements After {
        /** Checks the continuation. */
        public Continue {
            Objects.requireNonNull(continuation, "continuation");
        }
    }
}
