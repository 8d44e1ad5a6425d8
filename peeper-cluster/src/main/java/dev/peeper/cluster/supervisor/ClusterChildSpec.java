package dev.peeper.cluster.supervisor;

import dev.peeper.cluster.ClusterStarter;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.ClusterStarters.SerializableSupplier;
import dev.peeper.server.Dispatcher;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A child of a {@link ClusterSupervisor}: the cluster-wide name it runs under, how to start it, and the groups it
 * belongs to by that name. Plain data, checked here; start it with {@link ClusterSupervisor#startChild}.
 *
 * <pre>{@code
 * ClusterChildSpec hits = ClusterChildSpec.peeper("hits", Counter::new, 0)
 *         .withIntensity(5, Duration.ofSeconds(10))
 *         .withGroups("counters");
 * }</pre>
 *
 * @param name    the child's cluster-wide name: a string, a number, a record, or anything Hazelcast can serialize
 * @param starter starts the child on the member that owns the name; it travels there, so it must be serializable
 * @param groups  the {@linkplain dev.peeper.cluster.groups.ClusterGroups groups} the child joins by name on each
 *                start (so it stays in them across restarts and failovers) and leaves when it ends for good; each a
 *                {@link java.io.Serializable} value (a string, say), as they travel with the starter
 */
public record ClusterChildSpec(Object name, ClusterStarter starter, List<Object> groups) {
    /** Checks every field; {@code groups} is copied. */
    public ClusterChildSpec {
        Objects.requireNonNull(name, "name: a cluster child needs a cluster-wide name (a string, number or record)");
        Objects.requireNonNull(starter, "starter: use ClusterChildSpec.peeper(...) or a ClusterStarter lambda");
        Objects.requireNonNull(groups, "groups: use List.of() for none");
        for (Object group : groups) {
            Objects.requireNonNull(group, "a group of the child " + name + " is null");
        }
        groups = List.copyOf(groups);
    }

    /**
     * A child started by {@code starter} (a generated client's cluster starter, or the user's own), in no group. How
     * it restarts is the started server's business: a Peeper server restarts its worker within its own intensity
     * (see {@link #peeper(Object, SerializableSupplier, Serializable, int, Duration)}); a plain server started by
     * {@code starter} is not restarted when it crashes (it is started again elsewhere only when its member dies).
     *
     * @param name    the child's cluster-wide name
     * @param starter starts it on the member that owns the name; registers it under the name it is given
     * @return the spec
     */
    public static ClusterChildSpec of(Object name, ClusterStarter starter) {
        return new ClusterChildSpec(name, starter, List.of());
    }

    /**
     * A Peeper server whose state is replicated synchronously and which resumes from it when it starts again on
     * another member ({@link ClusterStarters#peeper}), with the default restart intensity (3 restarts in 5 s).
     *
     * @param name           the child's cluster-wide name
     * @param implementation makes the server's dispatcher, e.g. {@code Counter::new}
     * @param argument       {@code init}'s argument on the very first start
     * @return the spec
     */
    public static ClusterChildSpec peeper(Object name, SerializableSupplier<? extends Dispatcher<?>> implementation,
                                          Serializable argument) {
        return of(name, ClusterStarters.peeper(implementation, argument));
    }

    /**
     * {@link #peeper(Object, SerializableSupplier, Serializable)} with its own restart intensity: its worker is
     * restarted from the kept state at most {@code maxRestarts} times in any {@code period}; one more crash and the
     * child gives up and ends, and is no longer a child (as a local Peeper server under a supervisor).
     *
     * @param name           the child's cluster-wide name
     * @param implementation makes the server's dispatcher, e.g. {@code Counter::new}
     * @param argument       {@code init}'s argument on the very first start
     * @param maxRestarts    worker restarts allowed within {@code period}, 0 or more
     * @param period         the sliding window of the intensity; positive
     * @return the spec
     */
    public static ClusterChildSpec peeper(Object name, SerializableSupplier<? extends Dispatcher<?>> implementation,
                                          Serializable argument, int maxRestarts, Duration period) {
        return of(name, ClusterStarters.peeper(implementation, argument, maxRestarts, period));
    }

    /**
     * The same child, in {@code groups} as well (joined by name, so across restarts and failovers).
     *
     * @param groups the groups to join, {@link java.io.Serializable} values
     * @return a copy with those groups added
     */
    public ClusterChildSpec withGroups(Object... groups) {
        List<Object> all = new java.util.ArrayList<>(this.groups);
        all.addAll(Arrays.asList(groups));
        return new ClusterChildSpec(name, starter, all);
    }
}
