package dev.peeper.cluster;

import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.server.Dispatcher;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Ready-made {@link ClusterStarter}s.
 *
 * <pre>{@code
 * Pid pid = cluster.startOnOwner("hits", ClusterStarters.peeper(Counter::new, 0), Duration.ofSeconds(5));
 * }</pre>
 */
public final class ClusterStarters {
    private ClusterStarters() {
    }

    /** A {@link Supplier} that can travel to another member: a method reference to a constructor is one. */
    @FunctionalInterface
    public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
    }

    /**
     * A Peeper server whose state is replicated synchronously ({@link ClusterKeepers#synchronous}) and which,
     * when it starts again on another member after its member died, resumes from that state through its
     * {@code restore} hook (with the reason {@code noconnection}) instead of running {@code init}.
     *
     * @param implementation makes the server's dispatcher (a generated one, or the user's own)
     * @param argument       {@code init}'s argument on the very first start
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Serializable argument) {
        return peeper(implementation, argument, PeeperOptions.DEFAULT_MAX_RESTARTS, PeeperOptions.DEFAULT_PERIOD);
    }

    /**
     * {@link #peeper(SerializableSupplier, Serializable)} with its own restart intensity: its worker is restarted
     * from the kept state at most {@code maxRestarts} times in any window of {@code period}; one more crash and the
     * server gives up and ends (on a live member it is then not started again), as a local Peeper server does.
     *
     * @param implementation makes the server's dispatcher (a generated one, or the user's own)
     * @param argument       {@code init}'s argument on the very first start
     * @param maxRestarts    worker restarts allowed within {@code period}, 0 or more
     * @param period         the sliding window of the restart intensity; positive
     * @return the starter, to pass to {@link PeeperCluster#startOnOwner} or a cluster child spec
     * @throws IllegalArgumentException if the intensity is out of range (checked here, not on the owner)
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Serializable argument, int maxRestarts, Duration period) {
        Objects.requireNonNull(implementation, "implementation");
        PeeperOptions.defaults().withIntensity(maxRestarts, period); // fails here, on the caller, if out of range
        return (here, name) -> Peeper.start(
                () -> new ResumingDispatcher(implementation.get(), here.hazelcast().getMap(ClusterKeepers.MAP),
                        name.name()),
                argument, PeeperOptions.defaults().withName(name).withIntensity(maxRestarts, period)
                        .withKeeper(ClusterKeepers.synchronous(here)))
                .pid();
    }
}
