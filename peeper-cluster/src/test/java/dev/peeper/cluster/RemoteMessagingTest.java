package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.cluster.transport.WireReasons;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sends, casts and calls between processes of different members, through the transport. */
class RemoteMessagingTest {
    private static final int MESSAGES = 500;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** A Serializable message carrying a pid. */
    record Ping(Pid from, int n) implements Serializable {
    }

    /** A plain record: crosses as Compact, with no configuration. */
    record Pong(int n) {
    }

    @Test
    void messagesFromOneSenderArriveInOrderAndPidsComeBackAsThemselves() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster a = members.get(0);
        PeeperCluster b = members.get(1);
        Pid echo = b.callAs(() -> Proc.spawn(() -> {
            while (true) {
                if (Proc.receive() instanceof Ping ping) {
                    Proc.send(ping.from(), ping);
                    Proc.send(ping.from(), new Pong(ping.n()));
                }
            }
        }));
        assertThat(b.isHere(echo)).isTrue();
        assertThat(a.isHere(echo)).isFalse();

        CompletableFuture<List<Object>> received = new CompletableFuture<>();
        a.runAs(() -> Proc.spawn(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                Proc.send(echo, new Ping(Proc.self(), i));
            }
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 2 * MESSAGES; i++) {
                Object message = Proc.receive(TIMEOUT);
                if (message == null) {
                    break;
                }
                got.add(message instanceof Ping ping ? ping.from() == Proc.self() ? ping.n() : ping : message);
            }
            received.complete(got);
        }));

        List<Object> expected = new ArrayList<>();
        IntStream.range(0, MESSAGES).forEach(i -> {
            expected.add(i);
            expected.add(new Pong(i));
        });
        assertThat(await(received)).containsExactlyElementsOf(expected);
    }

    /** A plain record carrying a pid: Compact, with the pid nested in it. */
    record Hello(Pid from, String text) {
    }

    @Test
    void aPlainRecordCarriesAPidToAnotherMemberAndBack() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid echo = members.get(1).callAs(() -> Proc.spawn(() -> {
            if (Proc.receive() instanceof Hello hello) {
                Proc.send(hello.from(), new Hello(Proc.self(), "back to " + hello.from()));
            }
        }));
        CompletableFuture<Object> reply = new CompletableFuture<>();
        Pid asker = members.get(0).callAs(() -> Proc.spawn(() -> {
            Proc.send(echo, new Hello(Proc.self(), "hi"));
            reply.complete(Proc.receive(TIMEOUT));
        }));

        assertThat(await(reply)).isEqualTo(new Hello(echo, "back to " + asker));
    }

    @Test
    void castsAndCallsReachAServerOnAnotherMemberInOrder() {
        List<PeeperCluster> members = cluster.start(2);
        ServerRef counter = members.get(1).callAs(() -> GenServers.start(new Counter(), 0));

        int count = members.get(0).callAs(() -> {
            for (int i = 0; i < 100; i++) {
                counter.cast(1);
            }
            return counter.call("get");
        });

        assertThat(count).isEqualTo(100);
    }

    @Test
    void aServerFailureOrCrashReachesTheRemoteCallerAsLocally() {
        List<PeeperCluster> members = cluster.start(2);
        ServerRef counter = members.get(1).callAs(() -> GenServers.start(new Counter(), 7));
        PeeperCluster a = members.get(0);

        assertThatThrownBy(() -> a.runAs(() -> counter.call("fail")))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("no, at 7");
        assertThatThrownBy(() -> a.runAs(() -> counter.call("boom")))
                .isInstanceOfSatisfying(ServerExitException.class, exit -> {
                    assertThat(exit.server()).isEqualTo(counter.pid());
                    assertThat(exit.reason().cause()).isInstanceOf(IllegalStateException.class)
                            .hasMessage("boom at 7");
                });
        // the server is gone now: a call fails at once with noproc
        assertThatThrownBy(() -> a.runAs(() -> counter.call("get")))
                .isInstanceOfSatisfying(ServerExitException.class,
                        exit -> assertThat(exit.reason()).isEqualTo(ExitReason.noproc()));
    }

    @Test
    void aRequestThatCannotBeSerializedFailsItsCallerAndHarmsNoServer() {
        List<PeeperCluster> members = cluster.start(2);
        ServerRef counter = members.get(1).callAs(() -> GenServers.start(new Counter(), 3));
        PeeperCluster a = members.get(0);

        assertThatThrownBy(() -> a.runAs(() -> counter.call(new Object())))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be sent to another member");
        assertThatThrownBy(() -> a.runAs(() -> counter.send(new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record or Serializable");

        assertThat(a.<Integer>callAs(() -> counter.call("get"))).isEqualTo(3);
    }

    @Test
    void aCallInFlightFailsPromptlyWhenTheServersMemberDies() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster b = members.get(1);
        ServerRef counter = b.callAs(() -> GenServers.start(new Counter(), 0));
        CompletableFuture<Object> call = members.get(0).callAs(() -> counter.callAsync("hang"));
        // the call has reached the server once a later one is answered (one sender: in order)
        assertThat(members.get(0).<Integer>callAs(() -> counter.call("get"))).isZero();

        TestCluster.terminate(b);

        assertThatThrownBy(() -> await(call))
                .isInstanceOfSatisfying(ServerExitException.class,
                        exit -> assertThat(exit.reason()).isEqualTo(WireReasons.NOCONNECTION));
    }
}
