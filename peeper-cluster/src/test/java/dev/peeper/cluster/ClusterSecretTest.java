package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.topic.ITopic;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.security.RefusedException.Reason;
import dev.peeper.cluster.transport.NodeTransport;
import dev.peeper.cluster.transport.TransportFrame;
import dev.peeper.process.Pid;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.server.CallTimeoutException;
import dev.peeper.server.ServerExitException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster secret keeps a member without it out of everything Peeper does: the honest members do not admit it,
 * refuse (and count, and log) what it sends, never run a server for it, and it cannot call theirs nor host one. Among
 * the honest members, what travels is sealed: not readable on the wire, and a frame altered or sent again is
 * refused.
 */
class ClusterSecretTest {
    private static final byte[] SECRET = "correct horse battery staple, 32B".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "an intruder's guess at the secret".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final SecureMembers cluster = new SecureMembers().reserve(3);

    @Test
    void membersWithTheSecretAdmitEachOtherAndWhatTravelsIsSealed() {
        BoxAcrossTheWire across = boxAcrossTheWire();

        String marker = "a-plaintext-marker-" + UUID.randomUUID();
        BoxClient box = across.box();
        assertThat(across.caller().<Object>callAs(() -> box.echo(marker))).isEqualTo(marker);

        await(() -> !across.onTheWire().isEmpty(), "the call's frame on the server's topic");
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        assertThat(across.onTheWire()).noneMatch(frame -> contains(frame, needle));
    }

    @Test
    void aMemberWithAWrongSecretIsNotAdmittedCannotCallNorHostAndIsRefused() {
        PeeperCluster a = cluster.start(0, options -> options.withSecret(SECRET));
        PeeperCluster b = cluster.start(1, options -> options.withSecret(SECRET));
        PeeperCluster intruder = cluster.start(2, options -> options.withSecret(OTHER_SECRET));
        SecureMembers.awaitEngineSize(a, 3);
        SecureMembers.awaitAdmitted(List.of(a, b), List.of(a, b));
        SecureMembers.awaitAdmitted(List.of(intruder), List.of(intruder));
        // its join challenges reach the honest members sealed with the wrong key: refused, never read
        await(() -> a.transport().refusals(Reason.UNAUTHENTIC) > 0 && b.transport().refusals(Reason.UNAUTHENTIC) > 0,
                "the honest members to refuse the intruder's frames");

        // it cannot host: a start whose name it owns fails, as its member cannot open the starter
        String itsName = SecureMembers.nameOwnedBy(a, intruder);
        assertThatThrownBy(() -> a.startOnOwner(itsName, BoxClient.clusterStarter("x"), TIMEOUT))
                .isInstanceOf(StartFailedException.class).hasMessageContaining("refused");
        assertThat(a.name(itsName).whereis()).isNull();

        // it cannot call: an honest server is unreachable from it, by pid and by name. Started locally and
        // registered by name: what startOnOwner writes has backups, and the intruder holds some of them, which it can
        // stall (the denial of service docs/SECURITY.md owns up to)
        String ours = "ours";
        Pid pid = a.callAs(() -> BoxClient.start("honest", PeeperOptions.defaults().withName(a.name(ours))))
                .ref().pid();
        assertThatThrownBy(() -> intruder.callAs(() -> BoxClient.of(pid).peek(Duration.ofSeconds(2))))
                .isInstanceOf(ServerExitException.class);
        assertThat(intruder.name(ours).whereis()).isNull();

        // what it forges in the honest members' name is refused before anything in it is read
        long before = a.transport().refusals(Reason.UNAUTHENTIC);
        forge(intruder, a, b.node());
        await(() -> a.transport().refusals(Reason.UNAUTHENTIC) > before, "the forged frame refused");
        assertThat(b.<Object>callAs(() -> BoxClient.of(pid).peek())).isEqualTo("honest");
    }

    @Test
    void aTamperedOrReplayedFrameIsRefused() {
        BoxAcrossTheWire across = boxAcrossTheWire();
        PeeperCluster home = across.home();
        PeeperCluster caller = across.caller();
        BoxClient box = across.box();
        caller.runAs(() -> box.put("kept"));
        await(() -> !across.onTheWire().isEmpty(), "the cast's frame on the server's topic");
        byte[] original = across.onTheWire().getFirst();
        ITopic<byte[]> inbox = caller.hazelcast().getTopic(NodeTransport.topic(home.node()));

        byte[] tampered = original.clone();
        tampered[tampered.length - 20] ^= 1;
        inbox.publish(tampered);
        await(() -> home.transport().refusals(Reason.UNAUTHENTIC) == 1, "the tampered frame refused");

        inbox.publish(original);
        await(() -> home.transport().refusals(Reason.REPLAYED) == 1, "the replayed frame refused");
        assertThat(caller.<Object>callAs(box::peek)).isEqualTo("kept");
    }

    @Test
    void aMemberWithoutASecretIsRefusedByMembersWithOne() {
        PeeperCluster a = cluster.start(0, options -> options.withSecret(SECRET));
        PeeperCluster open = cluster.start(1, options -> options);
        SecureMembers.awaitEngineSize(a, 2);
        // kept locally: a replicated state needs a second admitted member to acknowledge it (the open one does not
        // count towards the minimum, so a member with the secret alone acknowledges nothing)
        Pid pid = a.startOnOwner(SecureMembers.nameOwnedBy(a, a), ClusterStarters.peeper(Box_Dispatcher::new, "start",
                Replication.local()), TIMEOUT);

        // the open member admits everyone (it checks nothing), so its call goes out, unsealed, and is refused
        assertThatThrownBy(() -> open.callAs(() -> BoxClient.of(pid).peek(Duration.ofSeconds(2))))
                .isInstanceOfAny(ServerExitException.class, CallTimeoutException.class);
        await(() -> a.transport().refusals(Reason.UNAUTHENTIC) > 0, "the unsealed frames refused");
        assertThat(a.nodes()).containsExactly(a.node());
        assertThat(a.<Object>callAs(() -> BoxClient.of(pid).peek())).isEqualTo("start");
    }

    /**
     * A box on one of two members with the secret ({@code home}, its name's owner), the other member to call it from
     * ({@code caller}), so that what they say to each other crosses the wire, and the frames published on
     * {@code home}'s topic meanwhile ({@code onTheWire}): what the tests of sealing look at.
     */
    private record BoxAcrossTheWire(PeeperCluster home, PeeperCluster caller, List<byte[]> onTheWire) {
        /** The box, by name, as {@code caller} reaches it. */
        BoxClient box() {
            return BoxClient.named(caller.name("box"));
        }
    }

    /** Starts two members with the secret, waits until they admit each other, and starts the box on its owner. */
    private BoxAcrossTheWire boxAcrossTheWire() {
        PeeperCluster a = cluster.start(0, options -> options.withSecret(SECRET));
        PeeperCluster b = cluster.start(1, options -> options.withSecret(SECRET));
        SecureMembers.awaitAdmitted(List.of(a, b), List.of(a, b));
        Pid pid = a.startOnOwner("box", BoxClient.clusterStarter("start"), TIMEOUT);
        PeeperCluster home = a.isHere(pid) ? a : b;
        PeeperCluster caller = home == a ? b : a;
        return new BoxAcrossTheWire(home, caller, tap(caller, home));
    }

    /** Collects the frames published on {@code target}'s topic, through {@code by}'s engine. */
    private static List<byte[]> tap(PeeperCluster by, PeeperCluster target) {
        List<byte[]> frames = new CopyOnWriteArrayList<>();
        by.hazelcast().<byte[]>getTopic(NodeTransport.topic(target.node()))
                .addMessageListener(message -> frames.add(message.getMessageObject()));
        return frames;
    }

    /** A frame made with {@code from}'s key, claiming to come from node {@code claimed}, on {@code to}'s topic. */
    private static void forge(PeeperCluster from, PeeperCluster to, long claimed) {
        TransportFrame header = new TransportFrame(TransportFrame.WIRE, claimed, to.node(), Long.MAX_VALUE / 2, 0,
                null);
        byte[] frame = MemberSecurity.of(from.hazelcast()).frame(MemberSecurity.TRANSPORT, header,
                new byte[] {1, 2, 3});
        from.hazelcast().<byte[]>getTopic(NodeTransport.topic(to.node())).publish(frame);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
