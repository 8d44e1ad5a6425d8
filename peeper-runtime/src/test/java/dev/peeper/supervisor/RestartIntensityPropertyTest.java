package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.supervisor.internal.RestartIntensity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link RestartIntensity} against a model that recounts the whole history every time: a restart at {@code now}
 * is allowed exactly when the restarts {@code t} with {@code now - t < period}, this one included, number at most
 * {@code maxRestarts}.
 */
class RestartIntensityPropertyTest {

    @Property(tries = 2000)
    void allowsARestartExactlyWhenTheTrailingWindowHoldsAtMostMaxRestarts(
            @ForAll @IntRange(min = 0, max = 8) int maxRestarts,
            @ForAll @LongRange(min = 1, max = 1_000) long periodNanos,
            @ForAll @Size(max = 60) List<@LongRange(min = 0, max = 400) Long> gaps,
            @ForAll long origin) {
        RestartIntensity intensity = new RestartIntensity(maxRestarts, Duration.ofNanos(periodNanos));
        List<Long> history = new ArrayList<>(); // times since origin, which cannot overflow
        long since = 0;
        for (long gap : gaps) {
            since += gap;
            history.add(since);
            long now = since;
            long inWindow = history.stream().filter(t -> now - t < periodNanos).count();

            // System.nanoTime() may be any long, and wraps around: only differences of readings count
            boolean allowed = intensity.tryRestart(origin + since);

            assertThat(allowed).as("restart at %d with %s in the window of %d, max %d", since, inWindow,
                    periodNanos, maxRestarts).isEqualTo(inWindow <= maxRestarts);
            assertThat(intensity.recentRestarts()).isEqualTo((int) inWindow);
        }
    }

    @Property
    void restartsSpacedAPeriodApartAreAlwaysAllowed(
            @ForAll @IntRange(min = 1, max = 5) int maxRestarts,
            @ForAll @LongRange(min = 1, max = 1_000_000) long periodNanos,
            @ForAll @IntRange(min = 1, max = 50) int restarts) {
        RestartIntensity intensity = new RestartIntensity(maxRestarts, Duration.ofNanos(periodNanos));

        for (int i = 0; i < restarts; i++) {
            assertThat(intensity.tryRestart(i * periodNanos)).isTrue();
            assertThat(intensity.recentRestarts()).isEqualTo(1);
        }
    }

    @Property
    void maxRestartsPlusOneAtTheSameMomentIsOneTooMany(
            @ForAll @IntRange(min = 0, max = 20) int maxRestarts,
            @ForAll @LongRange(min = 1, max = 1_000_000_000) long periodNanos,
            @ForAll long now) {
        RestartIntensity intensity = new RestartIntensity(maxRestarts, Duration.ofNanos(periodNanos));

        for (int i = 0; i < maxRestarts; i++) {
            assertThat(intensity.tryRestart(now)).isTrue();
        }
        assertThat(intensity.tryRestart(now)).isFalse();
    }

    @Example
    void aRestartExactlyOnePeriodAgoHasLeftTheWindow() {
        RestartIntensity intensity = new RestartIntensity(1, Duration.ofSeconds(5));

        assertThat(intensity.tryRestart(0)).isTrue();
        assertThat(intensity.tryRestart(Duration.ofSeconds(5).toNanos())).isTrue();
        assertThat(intensity.tryRestart(Duration.ofSeconds(10).toNanos() - 1)).isFalse();
    }
}
