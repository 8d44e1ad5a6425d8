package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.registry.NameRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide names: the {@link NameRegistry} whose names every member sees, kept in the Hazelcast map
 * {@value #MAP} with one synchronous backup. A name is claimed by an entry processor on its partition, so two
 * members registering it at once get one winner; a registration returns only once its backup holds it, and
 * lookups read the owner's copy, so no lookup after a registration returned misses it (a late joiner included).
 * A name is freed when its process ends (the runtime unregisters it) and when its member leaves the cluster (the
 * remaining members remove that node's names; a registration or lookup meanwhile treats them as free).
 *
 * <pre>{@code
 * ProcessName orders = ProcessName.via(cluster.names(), "orders");
 * GenServers.start(new OrderBook(), null, StartOptions.named(orders));   // on any member
 * ServerRef.named(orders).call(new Get());                               // from any member
 * }</pre>
 *
 * <p>Names are any value Hazelcast can serialize and compare by its bytes: strings, numbers, records.
 */
public final class ClusterNames implements NameRegistry {
    /** The map that holds the names: name to pid. */
    public static final String MAP = "peeper.names";
    private static final Logger log = LoggerFactory.getLogger(ClusterNames.class);

    private final IMap<Object, Pid> names;
    private final Members members;
    private final ExecutorService cleaner = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("peeper-names-cleaner").factory());

    ClusterNames(HazelcastInstance hazelcast, Members members) {
        this.names = hazelcast.getMap(MAP);
        this.members = members;
        members.onLeave(this::freeNamesOf);
    }

    @Override
    public boolean register(Object name, Pid pid) {
        Pid holder = names.executeOnKey(name, new ClaimName(pid));
        if (holder == null || holder.equals(pid)) {
            return true;
        }
        if (!isReachable(holder) && names.remove(name, holder)) {
            // its member left and the clean-up has not reached this name yet: the name is free
            holder = names.executeOnKey(name, new ClaimName(pid));
            return holder == null || holder.equals(pid);
        }
        return false;
    }

    @Override
    public void unregister(Object name, Pid pid) {
        names.remove(name, pid);
    }

    @Override
    public Pid whereis(Object name) {
        Pid pid = names.get(name);
        return pid == null || !isReachable(pid) ? null : pid;
    }

    /**
     * {@code true}: a call by a cluster name that finds no holder waits for one within its timeout, since the name
     * comes back by itself when its server starts again on another member, or finishes starting on its owner.
     *
     * @return {@code true}
     */
    @Override
    public boolean waitsForHolder() {
        return true;
    }

    /** Closes the clean-up executor. */
    void close() {
        cleaner.shutdown();
    }

    private boolean isReachable(Pid pid) {
        return members.contains(RemoteNodes.nodeOf(pid));
    }

    /** Removes every name held by a process of node {@code gone}: off the event thread, which must not block. */
    private void freeNamesOf(long gone) {
        try {
            cleaner.execute(() -> {
                try {
                    names.removeAll(new OnNode(gone));
                } catch (HazelcastInstanceNotActiveException e) {
                    log.debug("This member shut down before it freed the names of node {}", gone, e);
                } catch (RuntimeException e) {
                    log.warn("Could not free the names of the node {} that left; lookups ignore them", gone, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // this member is closing: the other members free the names
        }
    }

    @Override
    public String toString() {
        return "cluster";
    }
}
