package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.cluster.security.RefusedException.Reason;
import dev.peeper.process.Pid;
import dev.peeper.server.CallFailedException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.example.outside.Parcel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing is deserialized from the network outside the allow-list, and nothing over the size limit crosses: the
 * sender hears why at once (a {@link WireException} saying what to change), the receiving member refuses before
 * reading, and the server carries on. A {@link Box} on one member, called from the other.
 */
class AllowListAndSizeTest {
    private static final int SMALL = 64 * 1024;

    @RegisterExtension
    final SecureMembers cluster = new SecureMembers().reserve(2);

    private PeeperCluster home;
    private PeeperCluster caller;
    private BoxClient box;

    @Test
    void aSerializableClassOutsideTheAllowListIsRefusedWithWhatToDo() {
        start(options -> options, options -> options);

        assertThatThrownBy(() -> caller.runAs(() -> box.echo(new Parcel("contents"))))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WireException.Kind.REQUEST);
                    assertThat(e).hasMessageContaining("was refused on the server's member")
                            .hasMessageContaining(Parcel.class.getName())
                            .hasMessageContaining("ClusterOptions.withAllowedClasses");
                });
        assertThat(caller.<Object>callAs(box::peek)).isEqualTo("start");
    }

    @Test
    void anAllowedClassCrosses() {
        start(options -> options.withAllowedClasses("org.example.outside."),
                options -> options.withAllowedClasses(Parcel.class.getName()));

        assertThat(caller.<Object>callAs(() -> box.echo(new Parcel("contents")))).isEqualTo(new Parcel("contents"));
    }

    @Test
    void anOversizedRequestOrCastIsRefusedBeforeItIsSent() {
        start(options -> options.withMaxMessageBytes(SMALL), options -> options.withMaxMessageBytes(SMALL));
        byte[] big = new byte[SMALL + 1];

        assertThatThrownBy(() -> caller.runAs(() -> box.echo(big)))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WireException.Kind.REQUEST);
                    assertThat(e).hasMessageContaining("over the limit of " + SMALL + " bytes")
                            .hasMessageContaining("ClusterOptions.withMaxMessageBytes");
                });
        assertThatThrownBy(() -> caller.runAs(() -> box.put(big)))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.kind())
                        .isEqualTo(WireException.Kind.CAST))
                .hasMessageContaining("over the limit of " + SMALL + " bytes");
        assertThat(caller.<Object>callAs(box::peek)).isEqualTo("start");
    }

    @Test
    void anOversizedRequestIsRefusedOnReceiptAndItsCallFailsAtOnce() {
        // the server's member has the smaller limit: the caller's own check lets the request go
        start(options -> options.withMaxMessageBytes(SMALL), options -> options.withMaxMessageBytes(4 * SMALL));
        byte[] big = new byte[2 * SMALL];

        assertThatThrownBy(() -> caller.runAs(() -> box.echo(big)))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WireException.Kind.REQUEST);
                    assertThat(e).hasMessageContaining("was refused on the server's member")
                            .hasMessageContaining("over this member's limit of " + SMALL + " bytes");
                });
        await(() -> home.transport().refusals(Reason.TOO_LARGE) == 1, "the refusal counted");
        assertThat(caller.<Object>callAs(box::peek)).isEqualTo("start");
    }

    /** Starts the box's member with {@code homeOptions}, the caller's with {@code callerOptions}. */
    private void start(UnaryOperator<ClusterOptions> homeOptions, UnaryOperator<ClusterOptions> callerOptions) {
        home = cluster.start(0, homeOptions);
        caller = cluster.start(1, callerOptions);
        SecureMembers.awaitAdmitted(List.of(home, caller), List.of(home, caller));
        // local state: a replicated one would travel to the caller's member, whose limit may differ
        Pid pid = home.startOnOwner(SecureMembers.nameOwnedBy(home, home), ClusterStarters.peeper(
                Box_Dispatcher::new, "start", Replication.local()), TIMEOUT);
        assertThat(home.isHere(pid)).isTrue();
        box = BoxClient.of(pid);
    }
}
