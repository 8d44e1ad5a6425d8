package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.hazelcast.map.IMap;
import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that gives up because its keeper refused to acknowledge keeps its entry and spec, and its member starts
 * it again once the cluster is healthy; so does one stopped because its member was cut off from the majority it had
 * (issue 12: since split-brain protection, that member stops its servers at once instead of letting them crash on
 * refusals), from its last acknowledged state; a server that gives up on its own crashes releases its state and
 * stays ended, as on one JVM.
 */
class RefusedGiveUpTest {
    /** One restart a minute: the second refusal in a row makes the server give up. */
    private static final ClusterStarter COUNTER = ClusterStarters.peeper(Counter::new, 0, 1, Duration.ofMinutes(1));

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aServerThatGaveUpOnRefusalsIsStartedAgainOnceTheClusterIsHealthy() throws Exception {
        // a member that never had the majority (a cluster still forming) is not cut off: it refuses, and its server
        // gives up on the refusals
        List<PeeperCluster> members = cluster.start(1, 2);
        PeeperCluster home = members.get(0);
        Pid first = home.startOnOwner("refused", COUNTER, TIMEOUT);
        ServerRef byName = ServerRef.named(home.name("refused"));

        ExitReason end = callUntilItGivesUp(home, first);

        assertThat(end).isEqualTo(ExitReason.of("reached_max_restart_intensity"));
        assertThat(home.hazelcast().getMap(Failover.MAP).get("refused")).as("its spec stays").isNotNull();
        IMap<Object, KeptState> states = home.hazelcast().getMap(ClusterKeepers.MAP);
        assertThat(states.get("refused")).as("its entry stays").isNotNull();

        PeeperCluster joined = cluster.member(1); // healthy: two members, a backup for every partition
        TestCluster.awaitSize(List.of(home, joined), 2);

        assertThat(FailoverTest.callUntilAnswered(home, byName)).as("started again, from init: nothing was "
                + "acknowledged").isZero();
        assertThat(home.name("refused").whereis()).isNotEqualTo(first);
    }

    @Test
    void aServerStoppedBecauseItsMemberWasCutOffKeepsItsStateAndIsStartedAgainOnceTheClusterIsHealthy()
            throws Exception {
        List<PeeperCluster> members = cluster.start(2, 3);
        Pid first = members.get(0).startOnOwner("cut", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster other = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        ServerRef byName = ServerRef.named(home.name("cut"));
        home.runAs(() -> byName.cast(5));
        assertThat(home.<Integer>callAs(() -> byName.call("get"))).isEqualTo(5);
        CompletableFuture<ExitReason> ended = home.callAs(() -> Proc.whenExited(first));

        TestCluster.terminate(other); // alone, it lost the majority it had: it is cut off, and stops its servers
        TestCluster.awaitSize(List.of(home), 1);

        ExitReason stopped = TestCluster.await(ended);
        assertThat(stopped).isInstanceOfSatisfying(ExitReason.Shutdown.class, shutdown ->
                assertThat(shutdown.detail()).isInstanceOf(MinorityException.class));
        IMap<Object, KeptState> states = home.hazelcast().getMap(ClusterKeepers.MAP);
        assertThat(states.get("cut")).as("the acknowledged state stays").isNotNull()
                .extracting(KeptState::state).isEqualTo(5);
        assertThat(home.hazelcast().getMap(Failover.MAP).get("cut")).as("its spec stays").isNotNull();

        PeeperCluster joined = cluster.member(2); // the majority again: two members, a backup for every partition
        TestCluster.awaitSize(List.of(home, joined), 2);

        assertThat(FailoverTest.callUntilAnswered(home, byName)).as("started again from its state").isEqualTo(5);
        assertThat(home.name("cut").whereis()).isNotEqualTo(first);
    }

    @Test
    void aServerThatGaveUpOnItsOwnCrashesReleasesItsStateAndStaysEnded() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid pid = members.get(0).startOnOwner("crashing", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, pid);
        ServerRef byName = ServerRef.named(home.name("crashing"));
        home.runAs(() -> byName.cast(3));
        assertThat(home.<Integer>callAs(() -> byName.call("get"))).isEqualTo(3);

        CompletableFuture<ExitReason> ended = home.callAs(() -> Proc.whenExited(pid));
        for (int i = 0; i < 10 && !ended.isDone(); i++) {
            try {
                home.callAs(() -> ServerRef.of(pid).call("boom", TIMEOUT));
            } catch (ServerExitException | NoProcessException expected) {
                // a crash of the server's own
            }
        }

        assertThat(TestCluster.await(ended)).isEqualTo(ExitReason.of("reached_max_restart_intensity"));
        TestCluster.await(() -> home.hazelcast().getMap(Failover.MAP).get("crashing") == null, "the spec forgotten");
        assertThat(home.hazelcast().getMap(ClusterKeepers.MAP).get("crashing")).as("released").isNull();
        assertThat(home.name("crashing").whereis()).isNull();
    }

    /** Calls the server by pid until it has given up; each call is refused. */
    private static ExitReason callUntilItGivesUp(PeeperCluster home, Pid pid) throws Exception {
        CompletableFuture<ExitReason> ended = home.callAs(() -> Proc.whenExited(pid));
        for (int i = 0; i < 10 && !ended.isDone(); i++) {
            try {
                home.callAs(() -> ServerRef.of(pid).call("get", TIMEOUT));
                fail("a call acknowledged by a member alone");
            } catch (ServerExitException e) {
                if (e.getCause() != null) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(NotReplicatedException.class, refused ->
                            assertThat(refused.kind()).isEqualTo(NotReplicatedException.Kind.TOO_FEW_MEMBERS));
                }
            } catch (NoProcessException gone) {
                break; // it has given up
            }
        }
        return TestCluster.await(ended);
    }
}
