package dev.peeper.cluster;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.transport.ControlSerializer;
import dev.peeper.cluster.transport.Members;
import dev.peeper.cluster.transport.PidSerializer;
import dev.peeper.cluster.transport.Wire;
import dev.peeper.cluster.transport.WireSerializer;
import dev.peeper.server.internal.RemoteEnvelopes;
import java.security.SecureRandom;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast settings Peeper relies on, in one place: the member list and failure detection of
 * {@link ClusterOptions}, and what every Peeper member needs whatever its configuration (its node number, the
 * serializers, "acknowledged means backed up").
 */
final class HazelcastSettings {
    private static final SecureRandom RANDOM = new SecureRandom();

    private HazelcastSettings() {
    }

    /** A member configuration from {@code options}, ready for {@link #prepare}. */
    static Config from(ClusterOptions options) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        // Members talk over the advanced network's member endpoint, not the unified one: with the unified one, a
        // connection to a peer whose kernel accepts it but which never answers (a frozen JVM, a paused VM: the split
        // brain search connects to it every merge run) spins its output thread without ever selecting again, which
        // starves this member's other connections on that thread: heartbeats stopped for > 5 s and the survivors split
        // (FrozenMemberTest, SilentPeerTest). The member endpoint's handshake waits blocked instead.
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
        member.setPort(options.port()).setPortCount(options.portCount()).setPortAutoIncrement(options.portCount() > 1);
        member.setPublicAddress(null);
        member.getInterfaces().setEnabled(true).addInterface(options.bindInterface());
        network.setMemberEndpointConfig(member);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(options.members());
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", seconds(options.heartbeat()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", seconds(options.maxNoHeartbeat()));
        config.setProperty("hazelcast.operation.backup.timeout.millis",
                String.valueOf(options.backupTimeout().toMillis()));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", seconds(options.maxNoHeartbeat()));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", seconds(options.maxNoHeartbeat()));
        config.setProperty(Quorum.MINIMUM_MEMBERS, String.valueOf(options.minimumMembers()));
        config.setProperty(Quorum.LEASE_MILLIS, String.valueOf(options.lease().toMillis()));
        // a first member of an explicit list need not wait 5 s for others before it forms the cluster
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getUserContext().put(MemberSecurity.SETTINGS_KEY, options.security());
        return config;
    }

    /**
     * Adds to {@code config} what every Peeper member needs, and gives it a fresh node number: phone-home off,
     * writes that fail when their backup may be lost ({@code fail.on.indeterminate.state}), the name and state maps
     * with one synchronous backup each and the specs of the servers to keep running with two, and the serializers
     * of pids, of the transport's messages, of kept states and of starters, framed by the member's
     * {@link MemberSecurity} (from the {@link ClusterSecurity} {@link #from} or
     * {@link PeeperCluster#prepare(Config, ClusterSecurity)} left in the user context), with Hazelcast's Java
     * deserialization filter set to the same allow-list. Call it once per start: each call draws a new node
     * number, so a restarted member never reuses one.
     *
     * @return {@code config}
     */
    static Config prepare(Config config) {
        if (!config.getAdvancedNetworkConfig().isEnabled()) {
            LoggerFactory.getLogger(PeeperCluster.class).warn("This member's Config uses Hazelcast's unified network: "
                    + "a frozen member (a long GC pause, a stopped VM) can then starve the connections between the "
                    + "others until they split, and states are lost at the merge. Enable the advanced network with a "
                    + "member endpoint (config.getAdvancedNetworkConfig().setEnabled(true).setMemberEndpointConfig("
                    + "...)), as PeeperCluster.start(ClusterOptions) does; see the README's Cluster settings");
        }
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        if (config.getProperty("hazelcast.logging.type") == null) {
            config.setProperty("hazelcast.logging.type", "slf4j");
        }
        config.getMemberAttributeConfig().setAttribute(Members.NODE_ATTRIBUTE, String.valueOf(newNode()));
        MapConfig names = new MapConfig(ClusterNames.MAP).setBackupCount(1).setAsyncBackupCount(0)
                .setReadBackupData(false);
        config.addMapConfig(names);
        // one backup more than the states: a server whose state is lost with two members is still started again
        config.addMapConfig(new MapConfig(Failover.MAP).setBackupCount(2).setAsyncBackupCount(0)
                .setReadBackupData(false));
        config.addMapConfig(new MapConfig(ClusterKeepers.MAP).setBackupCount(1).setAsyncBackupCount(0)
                .setReadBackupData(false));
        PartitionSettings.apply(config); // splits and pauses: a majority to write, the newer state wins a merge
        MemberSecurity security = MemberSecurity.of(config, InternalAccess.INSTANCE);
        var serialization = config.getSerializationConfig();
        if (serialization.getSerializerConfigs().stream().noneMatch(s -> s.getTypeClass() == Wire.class)) {
            serialization.getCompactSerializationConfig().addSerializer(new PidSerializer());
            serialization.addSerializerConfig(new SerializerConfig().setTypeClass(Wire.class)
                    .setImplementation(new WireSerializer(InternalAccess.INSTANCE)));
            serialization.addSerializerConfig(new SerializerConfig().setTypeClass(KeeperEntry.class)
                    .setImplementation(new KeeperSerializer(security)));
            serialization.addSerializerConfig(new SerializerConfig().setTypeClass(StartOnOwner.class)
                    .setImplementation(new StarterSerializers.OfStart(security)));
            serialization.addSerializerConfig(new SerializerConfig().setTypeClass(ServerSpec.class)
                    .setImplementation(new StarterSerializers.OfSpec(security)));
            serialization.addSerializerConfig(new SerializerConfig().setTypeClass(RemoteEnvelopes.Control.class)
                    .setImplementation(new ControlSerializer()));
        }
        return config;
    }

    /** The node number of {@code hazelcast}'s member, which {@link #prepare} set. */
    static long nodeOf(HazelcastInstance hazelcast) {
        long node = Members.nodeOf(hazelcast.getCluster().getLocalMember());
        if (node == 0) {
            throw new IllegalArgumentException("this Hazelcast member has no Peeper node number: create it from a "
                    + "Config passed through PeeperCluster.prepare(config) first");
        }
        return node;
    }

    /** A random positive node number: 2^63 of them, so one is never drawn twice in practice. */
    private static long newNode() {
        long node;
        do {
            node = RANDOM.nextLong() & Long.MAX_VALUE;
        } while (node == 0);
        return node;
    }

    private static String seconds(Duration duration) {
        return String.valueOf(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}
