package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.Pid;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.ServerExitException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What cannot cross to another member fails whoever sent it, with a {@link WireException} that names the type and
 * says what to do, and harms no server: a call's request or reply (that cannot be written, or read on the other
 * side), a cast, a state that cannot be replicated, a starter or its init argument. A call fails at once, not at its
 * timeout (which would be a {@code CallTimeoutException}, not accepted here). Each server is a {@link Box} started
 * through its generated client, called from the member it does not run on.
 */
class WireErrorsTest {
    private static final String THING = Box.Thing.class.getName();

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private PeeperCluster home;
    private PeeperCluster caller;
    private BoxClient box;
    private Pid pid;

    @BeforeEach
    void startABoxOnOneMemberAndCallItFromTheOther() {
        List<PeeperCluster> members = cluster.start(2);
        pid = members.get(0).startOnOwner("box", BoxClient.clusterStarter("start"), TIMEOUT);
        home = TestCluster.homeOf(members, pid);
        caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        box = BoxClient.named(caller.name("box"));
    }

    @Test
    void aRequestThatCannotCrossFailsItsCallOnly() {
        assertThatThrownBy(() -> caller.runAs(() -> box.echo(new Box.Thing())))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOfSatisfying(WireException.class, e -> assertIs(e, WireException.Kind.REQUEST,
                        "the call's request, a " + Box.Echo.class.getName() + ", cannot be sent to another "
                                + "member (the server's): make its class, and those of what it holds, a record or "
                                + "Serializable"));

        assertServerUnharmed("start");
    }

    @Test
    void aReplyThatCannotCrossFailsItsCallerAndTheServerCarriesOn() {
        assertThatThrownBy(() -> caller.runAs(box::make))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOfSatisfying(WireException.class, e -> assertIs(e, WireException.Kind.REPLY,
                        "the reply, a " + THING + ", cannot be sent to another member (the caller's)"));

        assertServerUnharmed("start");
    }

    @Test
    void aRequestThatCannotBeReadOnTheServersMemberFailsItsCallAtOnce() {
        assertThatThrownBy(() -> caller.runAs(() -> box.echo(new Box.Fragile())))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WireException.Kind.REQUEST);
                    assertThat(e.type()).isEqualTo(WireException.UNKNOWN_TYPE);
                    assertThat(e).hasMessageContaining("the call's request could not be read on the server's member: "
                            + "its class must be on every member's class path").hasMessageContaining("a Fragile "
                            + "cannot be read");
                });

        assertServerUnharmed("start");
    }

    @Test
    void aReplyThatCannotBeReadOnTheCallersMemberFailsItsCallAtOnce() {
        assertThatThrownBy(() -> caller.runAs(box::shatter))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WireException.Kind.REPLY);
                    assertThat(e).hasMessageContaining("the reply could not be read on the caller's member")
                            .hasMessageContaining("a Fragile cannot be read");
                });

        assertServerUnharmed("start");
    }

    @Test
    void aCastThatCannotCrossThrowsAtItsSender() {
        assertThatThrownBy(() -> caller.runAs(() -> box.put(new Box.Thing())))
                .isInstanceOfSatisfying(WireException.class, e -> assertIs(e, WireException.Kind.CAST,
                        "the cast's request, a " + Box.Put.class.getName() + ", cannot be sent to another member "
                                + "(the server's)"));

        assertServerUnharmed("start");
    }

    @Test
    void aStateThatCannotBeReplicatedFailsTheCallThatMadeItAndTheServerResumesFromTheLastKept() {
        caller.runAs(() -> box.put("kept"));

        assertThatThrownBy(() -> caller.runAs(box::spoil))
                .isInstanceOfSatisfying(ServerExitException.class, exit -> {
                    assertThat(exit.server()).isEqualTo(pid);
                    assertThat(exit.reason().cause()).isInstanceOfSatisfying(WireException.class,
                            e -> assertIs(e, WireException.Kind.STATE, "the state, a " + THING
                                    + ", cannot be replicated to another member"));
                });

        assertServerUnharmed("kept");
    }

    @Test
    void aStarterOrInitArgumentThatCannotTravelFailsTheStart() {
        assertThatThrownBy(() -> BoxClient.clusterStarter(new Box.Thing()))
                .isInstanceOfSatisfying(WireException.class, e -> assertIs(e, WireException.Kind.INIT_ARGUMENT,
                        "the init argument, a " + THING + ", cannot be sent to another member (the one that owns "
                                + "the name): a starter travels with Java serialization"));

        Box.Thing captured = new Box.Thing();
        ClusterStarter capturing = (here, name) -> {
            throw new AssertionError("never runs: " + captured);
        };
        assertThatThrownBy(() -> caller.startOnOwner("other", capturing, TIMEOUT))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.kind())
                        .isEqualTo(WireException.Kind.STARTER))
                .hasMessageContaining("every value it captures");
        assertThat(caller.name("other").whereis()).isNull();
    }

    private static void assertIs(WireException e, WireException.Kind kind, String message) {
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e).hasMessageContaining(message).hasMessageContaining("java.io.Serializable");
    }

    /** The same server still runs, with {@code state}, and answers the caller. */
    private void assertServerUnharmed(Object state) {
        assertThat(caller.<Object>callAs(box::peek)).isEqualTo(state);
        assertThat(caller.name("box").whereis()).isEqualTo(pid);
    }
}
