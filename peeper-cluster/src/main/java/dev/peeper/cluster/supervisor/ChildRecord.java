package dev.peeper.cluster.supervisor;

import com.hazelcast.map.IMap;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.groups.ClusterGroups;
import dev.peeper.process.Pid;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * What the children map holds for one running child: its supervisor, the pid of its current incarnation (each
 * start, first or after a failover, writes a new record; an incarnation's end removes only its own record) and the
 * groups it joined by name.
 *
 * @param supervisor the id of the child's supervisor
 * @param pid        the child's process now
 * @param groups     the groups the child joined by name when it started
 */
record ChildRecord(String supervisor, Pid pid, List<Object> groups) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * The child ended for good (stopped, terminated, or over its restart intensity, on a live member): removes this
     * record, unless a newer incarnation wrote its own, and then the child's memberships of its groups.
     */
    void release(PeeperCluster here, IMap<Object, ChildRecord> children, Object name) {
        if (children.remove(name, this)) {
            ClusterGroups grouped = ClusterGroups.of(here);
            for (Object group : groups) {
                grouped.leave(group, here.name(name));
            }
        }
    }
}
