package dev.peeper.cluster.supervisor;

import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.StartFailedException;
import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.CallTimeoutException;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A dynamic supervisor whose children are cluster-wide names, swarm_dynamic_supervisor's job: from any member,
 * {@linkplain #startChild start} a child by name (it runs on the member that owns the name, one per name however
 * many members start it at once), {@linkplain #children() list} the children of the whole cluster, and
 * {@linkplain #terminateChild terminate} one by name. A child is restarted as a local Peeper server is (its worker,
 * from the kept state, within the child's own restart intensity) and, when its member dies, started again on the
 * name's new owner (with its replicated state, for {@link ClusterChildSpec#peeper} children). A child that ends on a
 * live member (stopped, terminated, or over its restart intensity) is no longer a child.
 *
 * <p>The supervisor has no process: its children are recorded in the cluster map {@value #MAP} (one synchronous
 * backup), so every member sees them and none holds them alone. Supervisors are told apart by id; each child belongs
 * to one.
 *
 * <pre>{@code
 * ClusterSupervisor counters = ClusterSupervisor.of(cluster, "counters");
 * Pid pid = counters.startChild(ClusterChildSpec.peeper("hits", Counter::new, 0).withIntensity(5, Duration.ofSeconds(10)));
 * List<ClusterChild> all = counters.children();          // from any member
 * counters.terminateChild("hits");                       // from any member
 * }</pre>
 */
public final class ClusterSupervisor {
    /** The cluster map of the children: name to {@code ChildRecord}. */
    public static final String MAP = "peeper.children";
    /** The id of {@link #of(PeeperCluster)}'s supervisor. */
    public static final String DEFAULT_ID = "default";
    /** How long {@link #startChild(ClusterChildSpec)} and {@link #terminateChild(Object)} wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** What a call or stop fails with when the member of its server leaves. */
    private static final ExitReason NOCONNECTION = ExitReason.of("noconnection");

    private final PeeperCluster cluster;
    private final String id;
    private final IMap<Object, ChildRecord> children;

    private ClusterSupervisor(PeeperCluster cluster, String id) {
        this.cluster = cluster;
        this.id = id;
        this.children = cluster.hazelcast().getMap(MAP);
    }

    /**
     * The cluster's default supervisor, seen from {@code cluster}.
     *
     * @param cluster the member to act from
     * @return the supervisor with id {@value #DEFAULT_ID}
     */
    public static ClusterSupervisor of(PeeperCluster cluster) {
        return of(cluster, DEFAULT_ID);
    }

    /**
     * The supervisor {@code id}, seen from {@code cluster}. Supervisors need no start: the same id on any member is
     * the same supervisor, with the same children.
     *
     * @param cluster the member to act from
     * @param id      the supervisor's id, not blank
     * @return a handle to that supervisor
     */
    public static ClusterSupervisor of(PeeperCluster cluster, String id) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a cluster supervisor's id must not be blank; use DEFAULT_ID for one");
        }
        return new ClusterSupervisor(cluster, id);
    }

    /** {@return this supervisor's id} */
    public String id() {
        return id;
    }

    /**
     * {@link #startChild(ClusterChildSpec, Duration)} waiting up to {@link #DEFAULT_TIMEOUT}.
     *
     * @param spec the child
     * @return the pid of the process holding the child's name
     * @throws IllegalArgumentException if the name or the starter cannot be sent to another member
     * @throws StartFailedException     if the start failed on the owner (the cause says why) or took too long
     */
    public Pid startChild(ClusterChildSpec spec) {
        return startChild(spec, DEFAULT_TIMEOUT);
    }

    /**
     * Starts {@code spec}'s child on the member that owns its name, from any member, and returns its pid. If a
     * process holds the name already (this child, started before or by another member at the same moment), nothing
     * starts and that process's pid is returned: one process per name, cluster-wide.
     *
     * @param spec    the child
     * @param timeout how long to wait for the start on the owner
     * @return the pid of the process holding the child's name
     * @throws IllegalArgumentException if the name or the starter cannot be sent to another member
     * @throws StartFailedException     if the start failed on the owner (the cause says why) or took too long
     */
    public Pid startChild(ClusterChildSpec spec, Duration timeout) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(timeout, "timeout");
        try {
            return cluster.startOnOwner(spec.name(), new SupervisedStarter(id, spec.starter(), spec.groups()), timeout);
        } catch (HazelcastSerializationException e) {
            throw new IllegalArgumentException("the child " + spec.name() + " cannot be sent to the member that owns "
                    + "its name: make its name a string, number, record or Serializable, and its starter a "
                    + "serializable lambda or class capturing only serializable values. " + e.getMessage(), e);
        }
    }

    /**
     * This supervisor's children now, in the whole cluster, ordered by name. A child whose member just left and
     * that is not started elsewhere yet is listed without a pid.
     *
     * @return a snapshot
     */
    public List<ClusterChild> children() {
        Set<Long> nodes = cluster.nodes();
        return children.entrySet(new OfSupervisor(id)).stream()
                .map(entry -> child(entry.getKey(), entry.getValue(), nodes))
                .sorted(Comparator.comparing(child -> String.valueOf(child.name())))
                .toList();
    }

    /**
     * The child named {@code name}, if it is one of this supervisor's.
     *
     * @param name the child's name
     * @return the child, or empty
     */
    public Optional<ClusterChild> child(Object name) {
        Objects.requireNonNull(name, "name");
        ChildRecord record = children.get(name);
        return record == null || !record.supervisor().equals(id) ? Optional.empty()
                : Optional.of(child(name, record, cluster.nodes()));
    }

    /**
     * {@link #terminateChild(Object, Duration)} waiting up to {@link #DEFAULT_TIMEOUT}.
     *
     * @param name the child's name
     * @throws UnknownChildException if {@code name} is not a child of this supervisor
     * @throws CallTimeoutException  if it did not end in time
     */
    public void terminateChild(Object name) {
        terminateChild(name, DEFAULT_TIMEOUT);
    }

    /**
     * Stops the child named {@code name}, from any member, and waits until it has ended: it runs {@code terminate}
     * with reason {@code shutdown} after the messages queued before, is not restarted nor started elsewhere, and is
     * no longer a child nor in the groups its spec named. A child being started again elsewhere is stopped once it runs
     * there.
     *
     * @param name    the child's name
     * @param timeout how long to wait for it to end
     * @throws UnknownChildException if {@code name} is not a child of this supervisor
     * @throws CallTimeoutException  if it did not end within {@code timeout}
     * @throws IllegalStateException if its member left and it was not started elsewhere within {@code timeout}
     */
    public void terminateChild(Object name, Duration timeout) {
        Objects.requireNonNull(name, "name");
        long deadline = System.nanoTime() + timeout.toNanos();
        ChildRecord record = running(name, deadline);
        while (!stopped(record, deadline)) {
            record = running(name, deadline); // its member died under the stop: it is started elsewhere, stop that
        }
        record.release(cluster, children, name);
    }

    /** Stops the child's current incarnation; {@code false} if its member left first (it starts again elsewhere). */
    private boolean stopped(ChildRecord record, long deadline) {
        try {
            cluster.runAs(() -> ServerRef.of(record.pid()).stop(ExitReason.shutdown(), remaining(deadline)));
            return true;
        } catch (ServerExitException ended) {
            return !NOCONNECTION.equals(ended.reason()); // else it ended by itself meanwhile: terminated all the same
        } catch (NoProcessException ended) {
            return true;
        }
    }

    /** The record of child {@code name} once it runs on a member of the cluster, waiting for a failover to finish. */
    private ChildRecord running(Object name, long deadline) {
        ChildRecord record = recordOf(name);
        while (!cluster.nodes().contains(RemoteNodes.nodeOf(record.pid()))) {
            record = nextRecordOf(name, record, deadline);
        }
        return record;
    }

    private ChildRecord recordOf(Object name) {
        ChildRecord record = children.get(name);
        if (record == null || !record.supervisor().equals(id)) {
            throw new UnknownChildException(name, id);
        }
        return record;
    }

    /** Waits, on an entry listener (no polling), until child {@code name}'s record is no longer {@code stale}. */
    private ChildRecord nextRecordOf(Object name, ChildRecord stale, long deadline) {
        CompletableFuture<Void> changed = new CompletableFuture<>();
        UUID listener = children.addEntryListener(new Changed(changed), name, false);
        try {
            ChildRecord record = recordOf(name);
            if (!record.equals(stale)) {
                return record; // written before the listener was in place
            }
            changed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return recordOf(name);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the child " + name + " was not started again after its member left, "
                    + "in time to terminate it; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while terminating the child " + name, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a change future never fails", e);
        } finally {
            children.removeEntryListener(listener);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private static ClusterChild child(Object name, ChildRecord record, Set<Long> nodes) {
        long node = RemoteNodes.nodeOf(record.pid());
        return nodes.contains(node) ? new ClusterChild(name, record.pid(), node) : new ClusterChild(name, null, 0);
    }

    /** Completes a future when a child's record is written: its start elsewhere after a failover. */
    private record Changed(CompletableFuture<Void> changed)
            implements EntryAddedListener<Object, ChildRecord>, EntryUpdatedListener<Object, ChildRecord> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<Object, ChildRecord> event) {
            changed.complete(null);
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<Object, ChildRecord> event) {
            changed.complete(null);
        }
    }

    @Override
    public String toString() {
        return "ClusterSupervisor[" + id + "]";
    }
}
