package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member cut off from the majority for less time than its servers take to stop gets them back once they have
 * stopped: the start after the regain must not take the server still stopping for the one started again (its end
 * would then forget the server for good).
 */
class CutOffStopRaceTest {
    /** Entered by the server's {@code terminate}. */
    private static volatile CountDownLatch terminating;
    /** Lets the server's {@code terminate} return. */
    private static volatile CountDownLatch stopped;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aServerStillStoppingWhenItsMemberRegainsTheMajorityIsStartedAgainOnceItHasEnded() throws Exception {
        terminating = new CountDownLatch(1);
        stopped = new CountDownLatch(1);
        List<PeeperCluster> members = cluster.start(3);
        Pid first = members.get(0).startOnOwner("slow", ClusterStarters.peeper(SlowToStop::new, 0), TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        ServerRef byName = ServerRef.named(home.name("slow"));
        home.runAs(() -> byName.cast(5));
        assertThat(home.<Integer>callAs(() -> byName.call("get"))).isEqualTo(5);

        home.failover().stopCutOff("cut off, in this test");
        assertThat(terminating.await(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        home.failover().regained().get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS); // while the server still stops
        stopped.countDown();

        assertThat(RemoteNodes.exitFuture(first).get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS).isNormalOrShutdown())
                .isTrue();
        assertThat(FailoverTest.callUntilAnswered(home, byName)).isEqualTo(5);
        assertThat(home.name("slow").whereis()).isNotEqualTo(first);
    }

    /**
     * A server stopped because its member was cut off keeps its state for the next incarnation, and its member
     * forgets its state slot (what a merge and a move look up) all the same, however it was started: here by a
     * hand-written {@link ClusterStarter}, whose servers nothing else watches for that.
     */
    @Test
    void aServerStoppedCutOffLeavesNoStateSlotBehindThoughAHandWrittenStarterStartedIt() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        ClusterStarter handWritten = (here, name) -> Peeper.start(Counter::new, 0, PeeperOptions.defaults()
                .withName(name).withKeeper(ClusterKeepers.synchronous(here))).pid();
        Pid first = members.get(0).startOnOwner("hand-written", handWritten, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        StateSlot slot = home.slots().of("hand-written");
        assertThat(slot).as("the running server's slot").isNotNull();

        home.failover().stopCutOff("cut off, in this test");
        assertThat(RemoteNodes.exitFuture(first).get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS).isNormalOrShutdown())
                .isTrue();
        // its keeper let go before the server ended; a later incarnation (the failover starts it again once this
        // member is back) would have a slot of its own
        assertThat(home.slots().of("hand-written")).as("the stopped server's slot").isNotSameAs(slot);
    }

    /** A counter whose {@code terminate} waits until the test lets it return. */
    static final class SlowToStop extends Counter {
        @Override
        public void terminate(ExitReason reason, Integer count) throws InterruptedException {
            terminating.countDown();
            stopped.await(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
