package dev.peeper.cluster;

import java.io.Serial;
import java.io.Serializable;

/**
 * What {@link Failover} keeps of a running server: how to start it again, and the node that runs it now (only
 * the death of that node starts it elsewhere; a server that ends on a live node stays ended).
 *
 * @param starter how to start the server
 * @param node    the node that runs it
 * @param start   which start of the name on that node this is: the end of an earlier server of the same name on the
 *                same node must not forget a later one's spec
 */
record ServerSpec(ClusterStarter starter, long node, long start) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
