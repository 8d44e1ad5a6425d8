package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A move in asynchronous mode loses no acknowledged update either: the states a server acknowledged but had not
 * yet written are written before its name moves, so the new member resumes from the last of them, not from an
 * older state still in the map. The test holds the servers' writes back with a lock on their keys, taken by a
 * thread of its own (the engine runs an entry processor on a locked key once it is unlocked): a move must then not
 * go on (its server stays, and resumes, once the move's step times out); without the wait, the name moved to the
 * new member, whose takeover would have resumed from the older state in the map. Once the lock goes, the failed
 * moves are tried again and the servers reach their owners, whole.
 */
class AsyncHandoffTest {
    /** How many names: some of them move to the member that joins ((2/3)^24 that none do). */
    private static final int NAMES = 24;
    /** Updates each server acknowledges while its writes are held back. */
    private static final int HELD_UPDATES = 3;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @BeforeEach
    void forgetEarlierTests() {
        Mover.forget();
    }

    @Test
    void serversMoveWithEveryUpdateTheyAcknowledged() {
        List<PeeperCluster> members = new ArrayList<>(cluster.start(2, 3));
        PeeperCluster first = members.get(0);
        List<String> names = startAll(first);
        for (String name : names) {
            for (int u = 0; u < HELD_UPDATES; u++) {
                add(first, name); // acknowledged at once; the last may still be on its way to the map at the move
            }
        }

        PeeperCluster joined = cluster.member(2);
        members.add(joined);
        TestCluster.awaitSize(members, members.size());
        Backups.awaitInPlace(members); // the partitions settled: each name's owner is final
        for (String name : names) {
            TestCluster.await(() -> movedTo(joined, name) == ownedBy(joined, name)
                    && held(first, name) == expected(names, name, 1 + HELD_UPDATES), name + " on its owner, whole");
        }
        assertThat(Mover.RESTORED).as("restored after a move").isNotEmpty().containsOnly(Handoffs.HANDED_OFF);
    }

    @Test
    void aMoveWaitsForTheStatesAcknowledgedButNotYetWrittenAndIsTriedAgainOnceTheyAre() throws Exception {
        List<PeeperCluster> members = new ArrayList<>(cluster.start(2, 3));
        PeeperCluster first = members.get(0);
        List<String> names = startAll(first);
        IMap<Object, KeptState> states = first.hazelcast().getMap(ClusterKeepers.MAP);
        for (String name : names) {
            TestCluster.await(() -> Integer.valueOf(expected(names, name, 1)).equals(stored(states, name)),
                    name + "'s first update written");
        }

        ExecutorService lockHolder = Executors.newSingleThreadExecutor(); // a lock is its thread's: one thread
        try {
            lockHolder.submit(() -> names.forEach(states::lock)).get();
            for (String name : names) {
                for (int u = 0; u < HELD_UPDATES; u++) {
                    add(first, name); // acknowledged at once (asynchronous mode), its write held by the lock
                }
            }
            PeeperCluster joined = cluster.member(2); // takes some names' partitions: their servers are asked to move
            members.add(joined);
            TestCluster.await(() -> !Mover.ASKED.isEmpty(), "a server asked its handoff");
            // each asked server's move is under way now, its last states acknowledged but not written: it must not go
            // to the new member before they are (it stays, and answers again between attempts, while they are not)
            for (String name : names) {
                int acknowledged = expected(names, name, 1 + HELD_UPDATES);
                if (Mover.ASKED.contains(acknowledged)) {
                    TestCluster.await(() -> movedTo(joined, name) || held(first, name) == acknowledged,
                            name + " to answer again, whole, or to move");
                    assertThat(movedTo(joined, name))
                            .as(name + " moved while the states it acknowledged were not written").isFalse();
                }
            }
        } finally {
            lockHolder.submit(() -> names.forEach(states::unlock)).get();
            lockHolder.shutdown();
        }

        // once the writes go through, each server that stayed is moved by a retry, with every update it acknowledged
        PeeperCluster joined = members.get(2);
        for (String name : names) {
            TestCluster.await(() -> movedTo(joined, name) == ownedBy(joined, name)
                    && held(first, name) == expected(names, name, 1 + HELD_UPDATES),
                    name + " on its owner, holding every update it acknowledged, "
                            + expected(names, name, 1 + HELD_UPDATES));
        }
    }

    /** Starts the counters, each on its name's owner, and adds one to each. */
    private static List<String> startAll(PeeperCluster from) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES; i++) {
            names.add("async-moved-" + i);
            from.startOnOwner(names.get(i), ClusterStarters.peeper(Mover::new, 10 * i,
                    Replication.asynchronous(100, Duration.ofSeconds(30))), TIMEOUT);
            add(from, names.get(i));
        }
        return names;
    }

    private static boolean ownedBy(PeeperCluster member, String name) {
        var owner = member.hazelcast().getPartitionService().getPartition(name).getOwner();
        return owner != null && owner.localMember();
    }

    /** What {@code name}'s counter holds after {@code updates} additions of one to its start. */
    private static int expected(List<String> names, String name, int updates) {
        return 10 * names.indexOf(name) + updates;
    }

    private static boolean movedTo(PeeperCluster member, String name) {
        Pid holder = member.name(name).whereis();
        return holder != null && member.isHere(holder);
    }

    private static Object stored(IMap<Object, KeptState> states, String name) {
        KeptState kept = states.get(name);
        return kept == null ? null : kept.state();
    }

    /** What {@code name}'s server answers now, or -1 while it cannot answer (it is being started again, say). */
    private static int held(PeeperCluster from, String name) {
        try {
            return get(from, name, Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void add(PeeperCluster from, String name) {
        from.runAs(() -> ServerRef.named(from.name(name)).call(1, TIMEOUT));
    }

    private static int get(PeeperCluster from, String name, Duration timeout) {
        return from.callAs(() -> ServerRef.named(from.name(name)).call("get", timeout));
    }
}
