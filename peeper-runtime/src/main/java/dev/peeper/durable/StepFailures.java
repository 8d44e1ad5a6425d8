package dev.peeper.durable;

/**
 * The failures of the steps of an end that must all run: each step runs whatever the ones before it threw, and the
 * first failure is rethrown at the end with the later ones suppressed (collect and rethrow).
 */
final class StepFailures {
    private Throwable first;

    /** Runs {@code step}; what it throws is kept for {@link #rethrow}. */
    void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            if (first == null) {
                first = e;
            } else if (first != e) {
                first.addSuppressed(e);
            }
        }
    }

    /** Throws the first failure, if a step failed. */
    void rethrow() {
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
