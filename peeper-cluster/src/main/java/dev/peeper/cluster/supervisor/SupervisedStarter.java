package dev.peeper.cluster.supervisor;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import dev.peeper.cluster.ClusterStarter;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.groups.ClusterGroups;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.ProcessName;
import java.io.Serial;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child's starter as its supervisor hands it to {@link PeeperCluster#startOnOwner}: starts the child with the
 * user's starter, then records it as a child (with the pid of this incarnation), joins its groups by name, and
 * forgets it when this incarnation ends on a live member. Failover starts a child again through this same starter,
 * so a child started elsewhere is recorded, and grouped, again.
 *
 * @param supervisor the supervisor's id
 * @param starter    the user's starter
 * @param groups     the groups the child joins by name
 */
record SupervisedStarter(String supervisor, ClusterStarter starter, List<Object> groups) implements ClusterStarter {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(SupervisedStarter.class);
    /** Where the end of a child is handled: off the child's own thread, which must not wait on the map. */
    private static final Executor ENDS = task -> Thread.ofVirtual().name("peeper-child-end").start(task);

    @Override
    public Pid start(PeeperCluster here, ProcessName name) {
        Pid pid = starter.start(here, name);
        IMap<Object, ChildRecord> children = here.hazelcast().getMap(ClusterSupervisor.MAP);
        ChildRecord record = new ChildRecord(supervisor, pid, groups);
        children.set(name.name(), record);
        ClusterGroups grouped = ClusterGroups.of(here);
        for (Object group : groups) {
            grouped.join(group, name);
        }
        Proc.whenExited(pid).thenRunAsync(() -> ended(here, children, name.name(), record), ENDS);
        return pid;
    }

    /**
     * This incarnation ended: on a live member it is no longer a child, nor in its groups; a newer incarnation's
     * record stays.
     */
    private static void ended(PeeperCluster here, IMap<Object, ChildRecord> children, Object name, ChildRecord record) {
        if (!here.nodes().contains(here.node())) {
            return; // this member left: the child is started again elsewhere, and recorded there
        }
        try {
            record.release(here, children, name);
        } catch (HazelcastInstanceNotActiveException e) {
            log.debug("The member of child {} shut down as it ended; it is started again elsewhere", name, e);
        }
    }
}
