package dev.peeper.supervisor.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * OTP's restart intensity: a sliding window of restart times. A restart is allowed while at most
 * {@code maxRestarts} restarts (this one included) fall within the last {@code period}; times older than that
 * are forgotten. Not thread-safe: one supervisor owns one.
 */
public final class RestartIntensity {
    private final int maxRestarts;
    private final long periodNanos;
    /** Created at the first restart: most servers never restart, and a million idle ones should not pay for it. */
    private ArrayDeque<Long> restarts;

    /**
     * A window with no restarts yet.
     *
     * @param maxRestarts restarts allowed in any window of {@code period}
     * @param period      the window
     */
    public RestartIntensity(int maxRestarts, Duration period) {
        Objects.requireNonNull(period, "period");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be 0 or more, got " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the restart period must be positive, got " + period);
        }
        this.maxRestarts = maxRestarts;
        // a period longer than nanoTime can count (about 292 years) is a window that never forgets, not an error
        this.periodNanos = period.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : period.toNanos();
    }

    /**
     * Records a restart at {@code nowNanos} (a {@link System#nanoTime()} reading, never earlier than the previous
     * one) and says whether it is allowed.
     *
     * @param nowNanos the time of this restart, a {@link System#nanoTime()} reading
     * @return {@code true} if within the intensity, {@code false} if the supervisor must give up
     */
    public boolean tryRestart(long nowNanos) {
        if (restarts == null) {
            restarts = new ArrayDeque<>(Math.min(maxRestarts + 1, 16));
        }
        restarts.addLast(nowNanos);
        // a restart exactly one period ago has just left the window
        while (!restarts.isEmpty() && nowNanos - restarts.peekFirst() >= periodNanos) {
            restarts.removeFirst();
        }
        return restarts.size() <= maxRestarts;
    }

    /** {@return the restarts within the window as of the last {@link #tryRestart}} */
    public int recentRestarts() {
        return restarts == null ? 0 : restarts.size();
    }
}
