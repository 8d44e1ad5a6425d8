package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.durable.PeeperRef;
import dev.peeper.keeper.KeeperFactory;
import dev.peeper.keeper.Keepers;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import dev.peeper.server.Sys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keeper modes: synchronous with group commit and the majority rule, asynchronous with bounded lag, local.
 */
class KeeperModesTest {
    private static final int CASTS = 200;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** A synchronous keeper factory that hands the test the keeper it makes. */
    private static KeeperFactory watched(PeeperCluster member, CompletableFuture<ReplicatedKeeper> made) {
        KeeperFactory synchronous = ClusterKeepers.synchronous(member);
        return name -> {
            ReplicatedKeeper keeper = (ReplicatedKeeper) synchronous.create(name);
            made.complete(keeper);
            return keeper;
        };
    }

    private static PeeperRef counter(PeeperCluster member, String name, KeeperFactory keepers) {
        return member.callAs(() -> Peeper.start(Counter::new, 0,
                PeeperOptions.defaults().withName(member.name(name)).withKeeper(keepers)));
    }

    @Test
    void castsHandledInOneDrainShareOneReplicationAndTheCallAfterThemIsAcknowledgedByIt() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster home = members.get(0);
        CompletableFuture<ReplicatedKeeper> made = new CompletableFuture<>();
        PeeperRef hits = counter(home, "grouped", watched(home, made));
        assertThat(home.<Integer>callAs(() -> hits.call("get"))).isZero();
        ReplicatedKeeper keeper = TestCluster.await(made);
        long before = keeper.writes();

        int acknowledged = home.callAs(() -> {
            Sys.suspend(hits.server()); // so that every cast is queued when the worker takes the first
            for (int i = 0; i < CASTS; i++) {
                hits.cast(1);
            }
            Sys.resume(hits.server());
            return hits.call("get");
        });

        assertThat(acknowledged).isEqualTo(CASTS);
        System.out.printf("group commit: %d casts and a call, %d replication(s)%n", CASTS, keeper.writes() - before);
        assertThat(keeper.writes() - before).as("one write for the group (at its drain, or before the reply)")
                .isEqualTo(1);
        IMap<Object, KeptState> states = home.hazelcast().getMap(ClusterKeepers.MAP);
        assertThat(states.get("grouped").state()).isEqualTo(CASTS);
    }

    @Test
    void aMemberAloneBelowTheMinimumAcknowledgesNothing() {
        PeeperCluster alone = cluster.start(1).get(0); // the default minimum is 2
        PeeperRef hits = counter(alone, "alone", ClusterKeepers.synchronous(alone));

        assertRefusedAlone(alone, hits);
        IMap<Object, KeptState> states = alone.hazelcast().getMap(ClusterKeepers.MAP);
        assertThat(states.get("alone").state()).as("taken over, but no state written").isNull();
    }

    @Test
    void aMemberAloneBelowTheMinimumAcknowledgesNothingAsynchronouslyEither() {
        PeeperCluster alone = cluster.start(1).get(0);
        PeeperRef hits = counter(alone, "async-alone", ClusterKeepers.asynchronous(alone, 16, Duration.ofMillis(100)));

        assertRefusedAlone(alone, hits);
    }

    /** A cast is handled (it acknowledges nothing); the call after it is refused: too few members. */
    private static void assertRefusedAlone(PeeperCluster alone, PeeperRef hits) {
        alone.runAs(() -> hits.cast(1)); // a cast acknowledges nothing: handled, not written
        assertThatThrownBy(() -> alone.<Integer>callAs(() -> hits.call("get")))
                .isInstanceOfSatisfying(ServerExitException.class, e -> assertThat(e.getCause())
                        .isInstanceOfSatisfying(NotReplicatedException.class, refused -> assertThat(refused.kind())
                                .isEqualTo(NotReplicatedException.Kind.TOO_FEW_MEMBERS)));
    }

    @Test
    void anAnswerThroughFromIsRefusedLikeAReplyWhenItsStateCannotBeAcknowledged() {
        PeeperCluster alone = cluster.start(1).get(0); // the default minimum is 2
        PeeperRef hits = counter(alone, "alone-from", ClusterKeepers.synchronous(alone));

        // "fail" answers through From inside the call: held until beforeReply, which refuses, so that is the answer
        assertThatThrownBy(() -> alone.<Integer>callAs(() -> hits.call("fail")))
                .isInstanceOfSatisfying(ServerExitException.class, e -> assertThat(e.getCause())
                        .isInstanceOfSatisfying(NotReplicatedException.class, refused -> assertThat(refused.kind())
                                .isEqualTo(NotReplicatedException.Kind.TOO_FEW_MEMBERS)));
    }

    @Test
    void aMemberWhosePeersDiedStopsAcknowledgingOnceItSeesThemGone() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster home = members.get(0);
        PeeperRef hits = counter(home, "orphan", ClusterKeepers.synchronous(home));
        home.runAs(() -> hits.cast(2));
        assertThat(home.<Integer>callAs(() -> hits.call("get"))).isEqualTo(2);

        TestCluster.terminate(members.get(1));
        TestCluster.awaitSize(List.of(home), 1);

        home.runAs(() -> hits.cast(3));
        // it had the majority and lost it: cut off, its keeper refuses and the server stops (issue 12)
        assertThatThrownBy(() -> home.<Integer>callAs(() -> hits.call("get")))
                .isInstanceOfSatisfying(ServerExitException.class, e -> assertThat(e.getCause())
                        .isInstanceOf(MinorityException.class).hasMessageContaining("cut off from the majority"));
    }

    @Test
    void aMemberThatCannotConfirmItsMembershipStopsAcknowledgingWithinItsLease() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster home = members.get(0);
        assertRefusedOnceConfirmationsStop(members, counter(home, "unconfirmed", ClusterKeepers.synchronous(home)));
    }

    @Test
    void aMemberThatCannotConfirmItsMembershipStopsAcknowledgingAsynchronouslyWithinItsLease() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster home = members.get(0);
        assertRefusedOnceConfirmationsStop(members, counter(home, "async-unconfirmed",
                ClusterKeepers.asynchronous(home, 16, Duration.ofMillis(100))));
    }

    /** Stops every confirmation of the first member's membership: its replies are refused within its lease. */
    private static void assertRefusedOnceConfirmationsStop(List<PeeperCluster> members, PeeperRef hits) {
        PeeperCluster home = members.get(0);
        assertThat(home.<Integer>callAs(() -> hits.call("get"))).isZero();

        // the confirmations go through this executor: shut down, nobody can confirm any more, while both members
        // still see each other (as a paused member's list does when it resumes)
        members.get(1).hazelcast().getExecutorService(Quorum.EXECUTOR).shutdown();
        long lease = Quorum.lease(home.hazelcast()).toNanos();
        long stopped = System.nanoTime();

        Throwable refused = null;
        while (refused == null) {
            try {
                home.runAs(() -> hits.cast(1));
                home.<Integer>callAs(() -> hits.call("get"));
            } catch (ServerExitException e) {
                refused = e.getCause();
            }
            assertThat(System.nanoTime() - stopped).as("refused within the lease and a confirmation's wait")
                    .isLessThan(lease * 2 + TIMEOUT.toNanos() / 4);
        }
        assertThat(refused).isInstanceOfSatisfying(NotReplicatedException.class,
                e -> assertThat(e.kind()).isEqualTo(NotReplicatedException.Kind.LEASE_EXPIRED));
        assertThat(home.nodes()).hasSize(2);
    }

    @Test
    void asynchronousReplicationCatchesUpWithoutHoldingReplies() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster home = members.get(0);
        PeeperRef hits = counter(home, "async", ClusterKeepers.asynchronous(home, 16, Duration.ofMillis(100)));

        int count = home.callAs(() -> {
            for (int i = 0; i < CASTS; i++) {
                hits.cast(1);
            }
            return hits.call("get");
        });

        assertThat(count).isEqualTo(CASTS);
        IMap<Object, KeptState> states = members.get(1).hazelcast().getMap(ClusterKeepers.MAP);
        TestCluster.await(() -> states.get("async") != null && Integer.valueOf(CASTS).equals(
                states.get("async").state()), "the replica to catch up");
    }

    @Test
    void badModeArgumentsAreRefusedWithWhatToDo() {
        PeeperCluster member = cluster.start(1).get(0);

        assertThatThrownBy(() -> ClusterKeepers.asynchronous(member, 0, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxUpdates of at least 1");
        assertThatThrownBy(() -> ClusterKeepers.asynchronous(member, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Replication.synchronous()");
        assertThatThrownBy(() -> new Replication(Replication.Mode.LOCAL, 3, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no bounds");
        assertThatThrownBy(() -> ClusterOptions.named("x").withMinimumMembers(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("majority");
        assertThatThrownBy(() -> ClusterOptions.named("x").withLease(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than maxNoHeartbeat");
        assertThat(ClusterKeepers.local()).isSameAs(Keepers.inMemory());
    }

    @Test
    void inLocalModeTheStateDiesWithItsMemberAndTheServerStartsAgainFromInit() {
        List<PeeperCluster> members = cluster.start(3);
        ClusterStarter local = ClusterStarters.peeper(Counter::new, 7, Replication.local());
        Pid first = members.get(0).startOnOwner("local", local, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        ServerRef byName = ServerRef.named(caller.name("local"));
        caller.runAs(() -> byName.cast(5));
        assertThat(caller.<Integer>callAs(() -> byName.call("get"))).isEqualTo(12);
        assertThat(home.hazelcast().getMap(ClusterKeepers.MAP).get("local")).as("nothing replicated").isNull();

        TestCluster.terminate(home);

        assertThat(FailoverTest.callUntilAnswered(caller, byName)).as("init's state again").isEqualTo(7);
    }
}
