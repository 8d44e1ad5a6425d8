package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member cut off from the majority starts no server, whoever asks (a handoff or a failover from the other side
 * of a merge, typically): its keeper would refuse the server's first state, and the server would end for good.
 */
class CutOffStartTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aStartOnAMemberCutOffFromTheMajorityFailsAndStartsNothing() {
        List<PeeperCluster> members = cluster.start(3);
        PeeperCluster survivor = members.get(0);
        TestCluster.terminate(members.get(1));
        TestCluster.terminate(members.get(2));
        TestCluster.await(() -> survivor.quorum().cutOff(), "the member left alone cut off");

        assertThatThrownBy(() -> survivor.failover().start("alone", ClusterStarters.peeper(Counter::new, 0)))
                .isInstanceOf(StartFailedException.class).hasMessageContaining("cut off from the majority");
        assertThat(survivor.name("alone").whereis()).isNull();
    }
}
