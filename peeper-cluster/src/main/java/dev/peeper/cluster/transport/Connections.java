package dev.peeper.cluster.transport;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.server.ServerConnection;
import com.hazelcast.internal.server.ServerConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this member has a live connection to another one now. A member that died (its socket closed) stays in
 * the member list until the failure detector removes it (0.4-1.1 s after a crash, {@code max-no-heartbeat} after a
 * freeze), and what is published to it meanwhile is dropped without a word. Its connection, though, is gone as soon
 * as its socket closes: a message for it then is certainly not sent, which lets a call by name wait for the name's
 * next holder instead of failing later as "may have run".
 *
 * <p>Hazelcast has no public API for this, so it reads the member's connection manager (an internal of 5.x); if
 * that is not reachable (another engine version, an instance that is no plain member), every member counts as
 * connected, which is what the rest of the code assumed before.
 *
 * <p>Internal to the cluster module (its package is not exported): public for the tests of {@code dev.peeper.cluster}
 * that wait for a connection to drop.
 */
public final class Connections {
    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final ServerConnectionManager connections;

    public Connections(HazelcastInstance hazelcast) {
        this.connections = manager(hazelcast);
    }

    private static ServerConnectionManager manager(HazelcastInstance hazelcast) {
        try {
            if (hazelcast instanceof HazelcastInstanceProxy proxy) {
                return proxy.getOriginal().node.getServer().getConnectionManager(EndpointQualifier.MEMBER);
            }
        } catch (RuntimeException | LinkageError e) {
            log.debug("Cannot read Hazelcast's connections; every member counts as connected", e);
        }
        return null;
    }

    /** {@return whether this member has a live connection to {@code other} now; {@code true} when it cannot tell} */
    public boolean connected(Member other) {
        if (connections == null || other.localMember()) {
            return true;
        }
        try {
            // every remote call asks: the first connection is the one there is unless more planes are configured
            ServerConnection first = connections.get(other.getAddress());
            if (first != null && first.isAlive()) {
                return true;
            }
            return connections.getAllConnections(other.getAddress()).stream().anyMatch(c -> c.isAlive());
        } catch (RuntimeException e) {
            return true; // cannot tell: the send goes ahead, as before
        }
    }
}
