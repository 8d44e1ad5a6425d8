package dev.peeper.cluster;

import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Ready-made {@link ClusterStarter}s. A generated client makes one for its server with
 * {@code clusterStarter(...)}; by hand:
 *
 * <pre>{@code
 * Pid pid = cluster.startOnOwner("hits", ClusterStarters.peeper(Counter::new, 0), ClusterStarters.START_TIMEOUT);
 * }</pre>
 */
public final class ClusterStarters {
    /**
     * How long a start on the member owning the name may take when no timeout is given (a generated client's
     * {@code startInCluster}): the server's own init timeout plus the round trip, with room for a loaded member.
     */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(10);

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

    /** A change of the options a starter starts its server with, that can travel to another member. */
    @FunctionalInterface
    public interface SerializableOptions extends UnaryOperator<PeeperOptions>, Serializable {
    }

    /**
     * A Peeper server whose state is replicated synchronously ({@link ClusterKeepers#synchronous}) and which,
     * when it starts again on another member after its member died, resumes from that state through its
     * {@code restore} hook (with the reason {@code noconnection}) instead of running {@code init}. If every copy
     * of that state was lost (more members died at once than the state's one backup), it starts from {@code init}
     * with an error logged and its listener, if any, told {@link dev.peeper.durable.StateListener#onStateLost}.
     *
     * @param implementation makes the server's dispatcher (a generated one, or the user's own)
     * @param argument       {@code init}'s argument on the very first start: {@code null} or {@link Serializable},
     *                       since it travels with the starter to the member that owns the name
     * @return the starter, for {@link PeeperCluster#startOnOwner}
     * @throws WireException if {@code argument} is not {@link Serializable}
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Object argument) {
        return peeper(implementation, argument, Replication.synchronous(), null);
    }

    /**
     * {@link #peeper(SerializableSupplier, Object)} with {@code options} applied to the options the server starts
     * with (its name and replicated keeper already set): for a state copy, a listener, a restart intensity. It runs
     * on the member that starts the server, each time one does.
     *
     * @param implementation makes the server's dispatcher (a generated one, or the user's own)
     * @param argument       {@code init}'s argument on the very first start: {@code null} or {@link Serializable}
     * @param options        changes the options, or {@code null} for none; it must keep the name and the keeper
     * @return the starter
     * @throws WireException if {@code argument} is not {@link Serializable}
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Object argument, SerializableOptions options) {
        return peeper(implementation, argument, Replication.synchronous(), options);
    }

    /**
     * A Peeper server whose state is kept as {@code replication} says ({@link ClusterKeepers#of}); started again on
     * another member after its member died, it resumes from the replicated state, if any, as
     * {@link #peeper(SerializableSupplier, Object)} does (in local mode there is none: it runs {@code init}).
     *
     * @param implementation makes the server's dispatcher (a generated one, or the user's own)
     * @param argument       {@code init}'s argument on the very first start: {@code null} or {@link Serializable}
     * @param replication    how the state is kept: {@link Replication#synchronous()} is the default
     * @return the starter
     * @throws WireException if {@code argument} is not {@link Serializable}
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Object argument, Replication replication) {
        return peeper(implementation, argument, replication, null);
    }

    /**
     * A Peeper server kept as {@code replication} says, with {@code options} applied to its start options: the
     * general form of the other {@code peeper} starters.
     *
     * @param implementation makes the server's dispatcher (a generated one, or the user's own)
     * @param argument       {@code init}'s argument on the very first start: {@code null} or {@link Serializable}
     * @param replication    how the state is kept: {@link Replication#synchronous()} is the default
     * @param options        changes the options, or {@code null} for none; it must keep the name and the keeper
     * @return the starter
     * @throws WireException if {@code argument} is not {@link Serializable}
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Object argument, Replication replication, SerializableOptions options) {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(replication, "replication; Replication.synchronous() is the default");
        if (argument != null && !(argument instanceof Serializable)) {
            throw WireException.of(WireException.Kind.INIT_ARGUMENT, argument,
                    new NotSerializableException(argument.getClass().getName()));
        }
        boolean replicated = replication.mode() != Replication.Mode.LOCAL;
        return (here, name) -> {
            PeeperOptions start = PeeperOptions.defaults().withName(name)
                    .withKeeper(ClusterKeepers.of(here, replication));
            PeeperOptions chosen = options == null ? start : options.apply(start);
            // a lost state is told to the listener in order with its other events (the loss is found in init)
            StateLossNotice notice = chosen.listener() == null ? null : new StateLossNotice(chosen.listener());
            Object key = name.name();
            // what the first worker's init reads the engine with, serialized here rather than on its own thread
            Object entryKey = EngineKeys.of(here.hazelcast(), key);
            // the first worker's init asks whether this start ends a handoff; a restarted worker never runs init
            Pid pid = Peeper.start(() -> new ResumingDispatcher(implementation.get(),
                    here.hazelcast().getMap(ClusterKeepers.MAP), key, entryKey,
                    () -> replicated && here.failover().failingOver(entryKey),
                    detail -> {
                        if (notice != null) {
                            notice.lost(detail);
                        }
                    }, () -> here.handoffs().takeNote(entryKey),
                    dispatcher -> here.handoffs().serving(Proc.parent(), dispatcher)), // the worker's server
                    argument, notice == null ? chosen : chosen.withListener(notice)).pid();
            if (notice != null) {
                notice.started(); // only now: a start that failed after its init found a loss tells nothing
            }
            here.slots().started(key, pid);
            return pid;
        };
    }

    /**
     * {@link #peeper(SerializableSupplier, Object)} with its own restart intensity: its worker is restarted
     * from the kept state at most {@code maxRestarts} times in any window of {@code period}; one more crash and the
     * server gives up and ends (on a live member it is then not started again), as a local Peeper server does;
     * unless the crashes were refusals to acknowledge its states ({@link NotReplicatedException}): then its state
     * stays and it is started again once its member may acknowledge (see {@link ClusterKeepers}).
     *
     * @param implementation makes the server's dispatcher (a generated one, or the user's own)
     * @param argument       {@code init}'s argument on the very first start: {@code null} or {@link Serializable}
     * @param maxRestarts    worker restarts allowed within {@code period}, 0 or more
     * @param period         the sliding window of the restart intensity; positive
     * @return the starter, to pass to {@link PeeperCluster#startOnOwner} or a cluster child spec
     * @throws IllegalArgumentException if the intensity is out of range (checked here, not on the owner)
     * @throws WireException            if {@code argument} is not {@link Serializable}
     */
    public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                        Object argument, int maxRestarts, Duration period) {
        PeeperOptions.defaults().withIntensity(maxRestarts, period); // fails here, on the caller, if out of range
        return peeper(implementation, argument, Replication.synchronous(),
                options -> options.withIntensity(maxRestarts, period));
    }
}
