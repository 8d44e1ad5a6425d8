package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where no majority decides (a minimum of one member), a merge after a split once left the merged cluster with an
 * <em>older</em> copy of a name's entry than the one its serving incarnation had written to, and an incarnation
 * elsewhere took that copy over: the serving one was refused at its next write and stopped, and every update it had
 * acknowledged since that copy was gone (the fault suite's long run, 787 of them). Now the refused incarnation hands
 * its last acknowledged state to the entry, and the holder's {@code resolveConflict} merges it: nothing it
 * acknowledged is lost. The engine's part is played here by one write of the older copy, as taken over by an
 * incarnation that then ended (its member died, say), so the name's next start holds the entry.
 */
class StaleCopyTakenOverTest {
    private static final String NAME = "tags-taken-over-from-an-older-copy";
    /** The token of the incarnation that took the older copy over. */
    private static final long ELSEWHERE = 4242;

    @RegisterExtension
    final TestCluster cluster = new TestCluster(options -> options.withMinimumMembers(1));

    static Stream<Replication> replications() {
        return Stream.of(Replication.synchronous(), Replication.asynchronous(100, TIMEOUT));
    }

    @ParameterizedTest
    @MethodSource("replications")
    void theRefusedIncarnationsAcknowledgedUpdatesAreMergedByTheNextHolder(Replication replication) {
        refusedAfterTakeovers(replication, 1);
    }

    /**
     * The older copy taken over, and that incarnation taken over in turn, before the serving incarnation is refused:
     * the holder's line holds the refused one's states only up to the older copy, two takeovers back.
     */
    @Test
    void aChainOfTakeoversSinceTheOlderCopyStillMergesTheRefusedIncarnationsUpdates() {
        refusedAfterTakeovers(Replication.synchronous(), 2);
    }

    /**
     * Serves and acknowledges, puts an older copy of the entry in place as taken over {@code takeovers} times since,
     * and checks that the refused incarnation's acknowledged updates reach the name's next holder.
     */
    private void refusedAfterTakeovers(Replication replication, int takeovers) {
        List<PeeperCluster> members = cluster.start(2);
        ClusterStarter starter = ClusterStarters.peeper(TagSet::new, null, replication, null);
        Pid first = members.get(0).startOnOwner(NAME, starter, TIMEOUT);
        PeeperCluster owner = TestCluster.homeOf(members, first);
        IMap<Object, KeptState> states = owner.hazelcast().getMap(ClusterKeepers.MAP);
        ServerRef tags = ServerRef.of(first);

        List<String> acknowledged = new ArrayList<>();
        acknowledge(owner, tags, acknowledged, "t1", "t2", "t3");
        awaitWritten(states, "t3");
        KeptState older = states.get(NAME);
        acknowledge(owner, tags, acknowledged, "t4", "t5", "t6");
        awaitWritten(states, "t6");

        KeptState takenOver = older;
        for (int i = 0; i < takeovers; i++) { // each takeover's incarnation ended before it kept a state of its own
            takenOver = takenOver.takenOverBy(ELSEWHERE + i);
        }
        states.put(NAME, takenOver);
        owner.runAs(() -> tags.cast("t7")); // its write is refused: the incarnation is fenced and stops
        await(() -> states.get(NAME).theirs() != null, "the refused incarnation's state to wait in the entry");
        assertThatThrownBy(() -> owner.callAs(() -> tags.call("get"))).as("no answer after the refusal");
        await(() -> owner.name(NAME).whereis() == null, "the refused incarnation to end");

        Pid next = members.get(0).startOnOwner(NAME, starter, TIMEOUT);
        ServerRef restarted = ServerRef.of(next);
        await(() -> owner.<Set<String>>callAs(() -> restarted.call("get")).containsAll(acknowledged),
                "the next holder to hold every update acknowledged: " + acknowledged);
        await(() -> states.get(NAME).theirs() == null, "the merged state written, the conflict cleared");
    }

    /**
     * The holder learns that a state waits in its entry from its next write's answer, and merges it then (not only at
     * its next start, nor only after a merge event).
     */
    @Test
    void aHolderMergesAStateHandedOverToItsEntryAfterItsNextWrite() {
        List<PeeperCluster> members = cluster.start(2);
        Pid pid = members.get(0).startOnOwner(NAME, ClusterStarters.peeper(TagSet::new, null,
                Replication.asynchronous(100, TIMEOUT), null), TIMEOUT);
        PeeperCluster owner = TestCluster.homeOf(members, pid);
        IMap<Object, KeptState> states = owner.hazelcast().getMap(ClusterKeepers.MAP);
        ServerRef tags = ServerRef.of(pid);
        acknowledge(owner, tags, new ArrayList<>(), "mine");
        awaitWritten(states, "mine");
        KeptState now = states.get(NAME);
        // as if this incarnation had taken the name over from state 2 of the incarnation ELSEWHERE
        states.put(NAME, new KeptState(now.generation(), now.owner(), now.sequence(), now.stored(),
                Lineage.of(ELSEWHERE, 2), null));

        boolean queued = states.executeOnKey(NAME, new KeeperEntry.Fenced(now.generation() - 1, ELSEWHERE, 5,
                new TreeSet<>(Set.of("e1", "e2"))));
        assertThat(queued).isTrue();
        owner.runAs(() -> tags.cast("next"));

        await(() -> owner.<Set<String>>callAs(() -> tags.call("get")).containsAll(Set.of("mine", "next", "e1", "e2")),
                "the holder to merge the state handed over");
        await(() -> states.get(NAME).theirs() == null, "the merged state written, the conflict cleared");
        assertThat(states.get(NAME).lineage().holdsUpTo(ELSEWHERE)).as("merged once").isEqualTo(5);
    }

    /** Casts each tag and reads it back: the read's answer acknowledges it. */
    private static void acknowledge(PeeperCluster owner, ServerRef tags, List<String> acknowledged, String... some) {
        for (String tag : some) {
            owner.runAs(() -> tags.cast(tag));
            assertThat(owner.<Set<String>>callAs(() -> tags.call("get"))).contains(tag);
            acknowledged.add(tag);
        }
    }

    @SuppressWarnings("unchecked")
    private static void awaitWritten(IMap<Object, KeptState> states, String tag) {
        await(() -> ((Set<String>) states.get(NAME).state()).contains(tag), tag + " written to the entry");
    }
}
