package dev.peeper.cluster;

import com.hazelcast.query.Predicate;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.io.Serial;
import java.util.Map;

/**
 * Selects the names held by processes of one node: to free them when it leaves, or to find those of its own processes
 * that have ended after a merge ({@link ClusterNames#freeEndedHoldersHere}).
 *
 * @param node the node
 */
record OnNode(long node) implements Predicate<Object, Pid> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public boolean apply(Map.Entry<Object, Pid> entry) {
        return RemoteNodes.nodeOf(entry.getValue()) == node;
    }
}
