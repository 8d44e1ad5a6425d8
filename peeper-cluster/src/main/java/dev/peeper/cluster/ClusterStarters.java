package dev.peeper.cluster;

import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.server.Dispatcher;
import java.io.Serializable;
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

    /**
     * A {@link Supplier} that can travel to another member: a method reference to a constructor is one.
     *
     * @param <T> what it supplies
     */
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
     * @return the starter, for {@link PeeperCluster#startOnOwner}
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Serializable argument) {
        return peeper(implementation, argument, Replication.synchronous());
    }

    /**
     * A Peeper server whose state is kept as {@code replication} says ({@link ClusterKeepers#of}); started again on
     * another member after its member died, it resumes from the replicated state, if any, as
     * {@link #peeper(SerializableSupplier, Serializable)} does (in local mode there is none: it runs {@code init}).
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Serializable argument, Replication replication) {
        java.util.Objects.requireNonNull(replication, "replication; Replication.synchronous() is the default");
        boolean replicated = replication.mode() != Replication.Mode.LOCAL;
        return (here, name) -> Peeper.start(
                () -> new ResumingDispatcher(implementation.get(), here.hazelcast().getMap(ClusterKeepers.MAP),
                        name.name(), () -> replicated && here.failover().failingOver(name.name())),
                argument, PeeperOptions.defaults().withName(name).withKeeper(ClusterKeepers.of(here, replication)))
                .pid();
    }
}
