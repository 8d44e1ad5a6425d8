package dev.peeper.process;

import java.time.Duration;

/**
 * How long a stress test runs: briefly in CI, longer when asked with {@code -Dpeeper.stress.seconds=60}.
 *
 * <pre>{@code
 * StressBudget budget = StressBudget.start();
 * while (budget.more()) { ... one round ... }
 * }</pre>
 */
public final class StressBudget {
    /** The CI default: enough rounds to meet a race that loses one in a thousand, few enough to stay quick. */
    private static final Duration DEFAULT = Duration.ofSeconds(1);

    private final long deadline;
    private long rounds;

    private StressBudget(Duration length) {
        this.deadline = System.nanoTime() + length.toNanos();
    }

    /** Starts a budget of {@code peeper.stress.seconds}, or of the CI default. */
    public static StressBudget start() {
        String seconds = System.getProperty("peeper.stress.seconds");
        return new StressBudget(seconds == null ? DEFAULT : Duration.ofSeconds(Long.parseLong(seconds)));
    }

    /** Whether to run another round; counts the rounds. */
    public boolean more() {
        if (System.nanoTime() - deadline >= 0) {
            return false;
        }
        rounds++;
        return true;
    }

    /** How many rounds {@link #more()} allowed. */
    public long rounds() {
        return rounds;
    }
}
