package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Member;
import dev.peeper.cluster.transport.Connections;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routing around a member that died and is not removed yet (the failure detector takes 0.4 s or more): a call by
 * name that certainly was not sent (no connection to the holder's member) waits for the failover and is answered
 * by the server with its kept state; a call that was in flight when the member died may have run, so it fails
 * promptly with {@code noconnection} and says so; {@code Proc.isAlive} of a pid there answers {@code false} at once.
 */
class DeadHolderRoutingTest {
    private static final ClusterStarter COUNTER = ClusterStarters.peeper(Counter::new, 0);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private record Placed(Pid server, PeeperCluster home, PeeperCluster caller) {
    }

    private Placed place(String name) {
        List<PeeperCluster> members = cluster.start(3);
        Pid server = members.get(0).startOnOwner(name, COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, server);
        PeeperCluster caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        return new Placed(server, home, caller);
    }

    /** Kills {@code home} and waits until {@code caller} has lost its connection to it (not until it is removed). */
    private static void killAndAwaitDisconnect(PeeperCluster home, PeeperCluster caller) {
        UUID uuid = home.hazelcast().getCluster().getLocalMember().getUuid();
        Member dead = caller.hazelcast().getCluster().getMembers().stream()
                .filter(member -> member.getUuid().equals(uuid)).findFirst().orElseThrow(); // as the caller sees it
        Connections connections = new Connections(caller.hazelcast());
        TestCluster.terminate(home);
        TestCluster.await(() -> !connections.connected(dead), "the caller to lose its connection to the dead member");
    }

    @Test
    void aCallByNameMadeAsItsHoldersMemberDiesIsAnsweredByTheFailedOverServer() {
        Placed placed = place("moving");
        ServerRef byName = ServerRef.named(placed.caller.name("moving"));
        int acknowledged = placed.caller.callAs(() -> {
            for (int i = 0; i < 7; i++) {
                byName.cast(1);
            }
            return byName.call("get");
        });
        assertThat(acknowledged).isEqualTo(7);

        killAndAwaitDisconnect(placed.home, placed.caller);
        // the name still points at the dead holder here: the call must not be sent there and lost
        int answer = placed.caller.callAs(() -> byName.call("get", TIMEOUT));

        assertThat(answer).isEqualTo(7);
        assertThat(placed.caller.name("moving").whereis()).isNotEqualTo(placed.server);
    }

    @Test
    void aCallInFlightWhenItsServersMemberDiesFailsWithNoConnectionAndSaysItMayHaveRun() throws Exception {
        Placed placed = place("in-flight");
        ServerRef byName = ServerRef.named(placed.caller.name("in-flight"));
        assertThat(placed.caller.<Integer>callAs(() -> byName.call("get"))).isZero();
        CompletableFuture<Object> hanging = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                hanging.complete(placed.caller.callAs(() -> byName.call("hang", TIMEOUT.multipliedBy(2))));
            } catch (Throwable e) {
                hanging.completeExceptionally(e);
            }
        });
        // the call is on its way, past the point where it could still be found unsent
        TestCluster.await(() -> placed.caller.transport().pendingCalls() == 1, "the call to be sent");

        TestCluster.terminate(placed.home);

        // within the failure detection (the wait is TIMEOUT, not the call's 2 × TIMEOUT), never repeated elsewhere
        assertFailsAsMayHaveRun(hanging);
    }

    @Test
    void anAsyncCallByNameMadeAsItsHoldersMemberDiesIsAnsweredByTheFailedOverServer() throws Exception {
        Placed placed = place("moving-async");
        ServerRef byName = ServerRef.named(placed.caller.name("moving-async"));
        placed.caller.runAs(() -> byName.cast(3));
        assertThat(TestCluster.await(placed.caller.callAs(() -> byName.callAsync("get")))).isEqualTo(3);

        killAndAwaitDisconnect(placed.home, placed.caller);
        // the name still points at the dead holder here: as a synchronous call, it is not lost there but made again
        CompletableFuture<Object> answer = placed.caller.callAs(() -> byName.callAsync("get"));

        assertThat(TestCluster.await(answer)).isEqualTo(3);
        assertThat(placed.caller.name("moving-async").whereis()).isNotEqualTo(placed.server);
    }

    @Test
    void anAsyncCallInFlightWhenItsServersMemberDiesFailsWithNoConnectionAndIsNotMadeAgain() {
        Placed placed = place("in-flight-async");
        ServerRef byName = ServerRef.named(placed.caller.name("in-flight-async"));
        CompletableFuture<Object> hanging = placed.caller.callAs(() -> byName.callAsync("hang"));
        TestCluster.await(() -> placed.caller.transport().pendingCalls() == 1, "the call to be sent");

        TestCluster.terminate(placed.home);

        assertFailsAsMayHaveRun(hanging);
    }

    /** {@code call} failed because its server's member left after it was sent: it may have run, and says so. */
    private static void assertFailsAsMayHaveRun(CompletableFuture<Object> call) {
        assertThatThrownBy(() -> TestCluster.await(call))
                .isInstanceOf(ServerExitException.class)
                .hasMessageContaining("may have been handled")
                .satisfies(e -> assertThat(((ServerExitException) e).reason()).isEqualTo(ExitReason.of("noconnection")));
    }

    @Test
    void isAliveOfAPidOnADeadMemberAnswersFalseAtOnce() {
        Placed placed = place("probed");
        assertThat(placed.caller.callAs(() -> Proc.isAlive(placed.server))).isTrue();

        killAndAwaitDisconnect(placed.home, placed.caller);

        assertThat(placed.caller.callAs(() -> Proc.isAlive(placed.server))).isFalse();
    }
}
