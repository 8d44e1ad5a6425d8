package dev.peeper.cluster;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes a member hosts for the cluster: its processes that hold a cluster name (its servers), until they
 * end. When the member's engine shuts down or is terminated they {@linkplain #endAll end} with it, as a node's
 * processes do when the node goes down: the cluster has freed their names and starts their servers again on the
 * other members, so left running they would be stale duplicates (answering a lookup that still finds them, and
 * crash-looping on a keeper that can no longer write).
 */
final class HostedProcesses {
    private final long node;
    private final Set<Pid> hosted = ConcurrentHashMap.newKeySet();

    HostedProcesses(long node) {
        this.node = node;
    }

    /** {@code pid} now holds a cluster name: hosted here if it is a live process of this member. */
    void registered(Pid pid) {
        if (RemoteNodes.nodeOf(pid) != node || !RemoteNodes.isAlive(pid) || !hosted.add(pid)) {
            return;
        }
        if (!RemoteNodes.onExit(pid, () -> hosted.remove(pid))) {
            hosted.remove(pid); // it ended meanwhile
        }
    }

    /** The processes hosted now. */
    List<Pid> all() {
        return List.copyOf(hosted);
    }

    /**
     * Kills every hosted process (no {@code terminate}: the member is gone, as in a crash); returns at once, they end
     * on their own threads. Runs as this member, so the signal takes the local path even when this member's transport
     * is gone.
     */
    void endAll() {
        RemoteNodes.callAs(node, () -> {
            for (Pid pid : all()) {
                RemoteNodes.exitSignal(pid, pid, ExitReason.kill(), false);
            }
            return null;
        });
    }
}
