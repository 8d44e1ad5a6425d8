package dev.peeper.cluster.supervisor;

import dev.peeper.process.Pid;

/**
 * One child of a {@link ClusterSupervisor} as {@link ClusterSupervisor#children()} reports it.
 *
 * @param name the child's cluster-wide name
 * @param pid  its process, or {@code null} while it is being started again elsewhere (its member left)
 * @param node the node number of the member it runs on ({@link dev.peeper.cluster.PeeperCluster#node()}), or
 *             {@code 0} while it is being started again
 */
public record ClusterChild(Object name, Pid pid, long node) {
    /** {@return whether the child runs now (it is not between its member's death and its start elsewhere)} */
    public boolean isRunning() {
        return pid != null;
    }
}
