package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Members join one cluster with Peeper's settings, each under a node number of its own. */
class JoinTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void threeMembersSeeEachOtherUnderDistinctNodeNumbers() {
        List<PeeperCluster> members = cluster.start(3);

        Set<Long> nodes = members.stream().map(PeeperCluster::node).collect(Collectors.toSet());
        assertThat(nodes).hasSize(3).doesNotContain(0L);
        for (PeeperCluster member : members) {
            assertThat(member.nodes()).isEqualTo(nodes);
        }
    }

    @Test
    void membersRunWithPeepersSettings() {
        PeeperCluster member = cluster.start(1).get(0);

        Config config = member.hazelcast().getConfig();
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.operation.fail.on.indeterminate.state")).isEqualTo("true");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
        assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
        // the member endpoint of the advanced network: the unified one spins on a frozen peer (SilentPeerTest)
        assertThat(config.getAdvancedNetworkConfig().isEnabled()).isTrue();
        assertThat(config.getAdvancedNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getAdvancedNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(config.getMapConfig(ClusterNames.MAP).getBackupCount()).isEqualTo(1);
    }

    @Test
    void aMemberThatLeavesIsGoneFromTheOthersView() {
        List<PeeperCluster> members = cluster.start(3);

        TestCluster.terminate(members.get(2));

        TestCluster.awaitSize(members.subList(0, 2), 2);
        assertThat(members.get(0).nodes()).doesNotContain(members.get(2).node());
    }

    @Test
    void aRestartedMemberGetsANewNodeNumber() {
        List<PeeperCluster> members = cluster.start(2);
        long before = members.get(1).node();

        TestCluster.terminate(members.get(1));
        TestCluster.awaitSize(members.subList(0, 1), 1);
        PeeperCluster again = cluster.member(1);

        assertThat(again.node()).isNotEqualTo(before);
        TestCluster.awaitSize(List.of(members.get(0), again), 2);
    }

    @Test
    void optionsRejectWhatCannotWork() {
        ClusterOptions options = ClusterOptions.named("x");
        assertThatThrownBy(() -> options.withPort(0)).hasMessageContaining("port must be 1..65535");
        assertThatThrownBy(() -> options.withFailureDetection(Duration.ofSeconds(2), Duration.ofSeconds(3)))
                .hasMessageContaining("at least twice the heartbeat");
        assertThatThrownBy(() -> ClusterOptions.named(" ")).hasMessageContaining("clusterName must not be blank");
    }
}
