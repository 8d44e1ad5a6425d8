package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A merge's clean-up does not stop a server while a move hands it over: the move ends it by itself, passing what its
 * mailbox holds to the name's holder, and a stop request queued there with it once went along and stopped the
 * holder, so that no server ran the name any more (the fault suite's long run without a majority). The move is
 * played here by its mark ({@link Handoffs#unlessMoving}), held while the clean-up asks for the stop.
 */
class StopDuringMoveTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aServerBeingHandedOverIsLeftToItsMoveAndStoppedOtherwise() {
        PeeperCluster member = cluster.start(1).get(0);
        Pid stale = member.startOnOwner("tags-moving", ClusterStarters.peeper(TagSet::new, null), TIMEOUT);
        Pid holder = member.startOnOwner("tags-kept", ClusterStarters.peeper(TagSet::new, null), TIMEOUT);

        AtomicBoolean marked = new AtomicBoolean();
        member.handoffs().unlessMoving("tags-moving", () -> {
            marked.set(true);
            member.conflicts().stop("tags-moving", stale, holder);
        });
        assertThat(marked).as("the mark was free").isTrue();
        assertThat(RemoteNodes.isAlive(stale)).as("left to its move").isTrue();

        member.conflicts().stop("tags-moving", stale, holder);
        await(() -> !RemoteNodes.isAlive(stale), "the server no move hands over to stop");
        assertThat(RemoteNodes.isAlive(holder)).isTrue();
    }
}
