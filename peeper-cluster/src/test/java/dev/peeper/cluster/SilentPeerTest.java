package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.server.ServerConnectionManager;
import com.hazelcast.map.IMap;
import dev.peeper.testkit.LoopbackPorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer whose kernel accepts TCP connections but which never answers (a frozen JVM, a paused VM: what
 * {@link FrozenMemberTest} makes with SIGSTOP), without a child JVM. Hazelcast's split-brain search connects to such
 * a peer on every merge run when it is in the member list. With the unified network (Hazelcast's default) the
 * connection's output pipeline then spins its output thread without selecting again, and every write on that thread
 * that needs the selector (one larger than the socket buffer, or any write after two threads wrote at once) waits
 * until the peer dies: the heartbeats to the other survivor stopped and the cluster split. Peeper's settings use the
 * advanced network's member endpoint, whose handshake waits without spinning.
 */
class SilentPeerTest {
    /** More than the socket buffers take at once: its write needs the output thread to select for more room. */
    private static final int LARGE = 8 << 20;

    private final List<PeeperCluster> members = new ArrayList<>();

    @AfterEach
    void terminate() {
        for (PeeperCluster member : members) {
            TestCluster.terminate(member);
        }
    }

    @Test
    void aConnectionToASilentPeerDoesNotStallTheOtherConnections() throws Exception {
        // the silent peer listens all along, so an ephemeral port is safe for it; the members' ports are reserved
        // below the ephemeral range, where no outgoing connection takes one before its member binds it
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Integer> ports = LoopbackPorts.reserve(2);
            int portA = ports.get(0);
            int portB = ports.get(1);
            String name = "peeper-test-" + UUID.randomUUID();
            List<String> list = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
            PeeperCluster a = start(ClusterOptions.named(name).withPort(portA).withMembers(list));
            PeeperCluster b = start(ClusterOptions.named(name).withPort(portB).withMembers(list));
            TestCluster.awaitSize(members, 2);
            IMap<String, byte[]> map = a.hazelcast().getMap("silent-peer");
            String key = keyOwnedBy(b.hazelcast(), a.hazelcast());

            // as the split-brain search does: connect to the silent peer's address, which answers nothing
            ServerConnectionManager connections = connectionsOf(a.hazelcast());
            connections.getOrConnect(new Address("127.0.0.1", silent.getLocalPort()));
            TestCluster.await(() -> connections.getConnections().stream().anyMatch(
                            c -> c.getRemoteSocketAddress() instanceof InetSocketAddress remote
                                    && remote.getPort() == silent.getLocalPort()),
                    "a connection to the silent peer");

            // a write to the live member still goes through (it waited as long as the silent peer lived)
            byte[] value = new byte[LARGE];
            TestCluster.await(map.setAsync(key, value).toCompletableFuture());
            assertThat(b.hazelcast().<String, byte[]>getMap("silent-peer").get(key)).hasSize(LARGE);
        }
    }

    /** A member with Peeper's settings and a single output thread, which every connection's writes then share. */
    private PeeperCluster start(ClusterOptions options) {
        Config config = HazelcastSettings.from(options);
        config.setProperty("hazelcast.io.output.thread.count", "1");
        PeeperCluster member = PeeperCluster.start(config);
        members.add(member);
        return member;
    }

    /** A key whose partition {@code owner} owns, as {@code caller} sees it once partitions are assigned. */
    private static String keyOwnedBy(HazelcastInstance owner, HazelcastInstance caller) {
        // asking for an owner has the engine assign the partitions; not a write, whose backup could time out while a
        // cluster that has just formed still migrates them (seen: IndeterminateOperationStateException on a warm-up set)
        TestCluster.await(() -> caller.getPartitionService().getPartition("warm-up").getOwner() != null
                && caller.getPartitionService().isClusterSafe(), "partitions in place");
        for (int i = 0; ; i++) {
            String key = "k" + i;
            var partitionOwner = caller.getPartitionService().getPartition(key).getOwner();
            if (partitionOwner != null && partitionOwner.getUuid().equals(owner.getCluster().getLocalMember().getUuid())) {
                return key;
            }
        }
    }

    private static ServerConnectionManager connectionsOf(HazelcastInstance hazelcast) {
        return ((HazelcastInstanceProxy) hazelcast).getOriginal().node.getServer()
                .getConnectionManager(EndpointQualifier.MEMBER);
    }
}
