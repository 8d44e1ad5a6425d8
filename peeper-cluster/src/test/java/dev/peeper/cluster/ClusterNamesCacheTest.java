package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartOptions;
import dev.peeper.testkit.LoopbackPorts;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each member caches the names it looked up: a call by name then costs no map read, and the cache never answers a
 * holder the names map no longer has (a name moved, freed, or taken over after its member died).
 */
class ClusterNamesCacheTest {
    private static final String NAME = "cached-counter";

    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    /** The ended holder a member still caches: set by {@link #cachingAnEndedHolderTheMapReplaced}. */
    private Pid ended;

    /** Starts a {@link Counter} counting from {@code count} on {@code member}, under the cluster name {@link #NAME}. */
    private static Pid counter(PeeperCluster member, int count) {
        return member.callAs(() -> GenServers.start(new Counter(), count, StartOptions.named(member.name(NAME))).pid());
    }

    /** A call by name from {@code caller}: the count of whichever counter holds {@link #NAME} now. */
    private static int countByName(PeeperCluster caller) {
        return caller.callAs(() -> ServerRef.named(caller.name(NAME)).<Integer>call("get"));
    }

    @Test
    void aLookupIsCachedAndAMissIsNot() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster caller = members.get(0);

        assertThat(caller.name(NAME).whereis()).isNull();
        assertThat(caller.names().cached()).as("a miss is never cached").isZero();
        Pid holder = counter(members.get(1), 7);

        assertThat(countByName(caller)).as("registered after the miss, found at once").isEqualTo(7);
        assertThat(caller.names().cached()).isEqualTo(1);
        assertThat(caller.name(NAME).whereis()).isEqualTo(holder);
    }

    @Test
    void aNameRegisteredAgainAfterItsHolderEndedReachesTheNewHolder() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster caller = members.get(0);
        Pid first = counter(members.get(1), 1);
        assertThat(countByName(caller)).isEqualTo(1);

        members.get(1).runAs(() -> ServerRef.of(first).stop()); // returns once it ended and its name is free
        counter(members.get(1), 2);

        assertThat(countByName(caller)).as("the next call reaches the new holder").isEqualTo(2);
    }

    /**
     * A start decides on the names map, not on a member's cache. A cached holder whose removal's word came late (a
     * removal waits at most 1 s for the members to drop it) no longer holds the name; answered as the running server,
     * it was, in our reading of a three-way heal test that failed on a stalled machine, the very server a handoff was
     * moving to this member, which was then handed over to itself and ended, and no member started the name again.
     */
    @Test
    void aStartAnswersTheHolderInTheMapNotAStaleOneFromTheCache() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster home = members.get(0);
        PeeperCluster other = members.get(1);
        Pid stale = counter(home, 1);
        assertThat(other.name(NAME).whereis()).as("cached on the other member").isEqualTo(stale);
        home.hazelcast().getMap(ClusterNames.MAP).delete(NAME); // no word to the caches, as a late word leaves them

        Pid started = other.failover().start(NAME, ClusterStarters.peeper(Counter::new, 5));

        assertThat(started).as("not the holder the cache still had").isNotEqualTo(stale);
        assertThat(other.isHere(started)).isTrue();
        assertThat(other.names().holder(NAME)).isEqualTo(started);
        assertThat(countByName(home)).as("the started server holds the name").isEqualTo(5);
    }

    /**
     * A start does not answer a holder whose member is not in the cluster: the names map keeps a departed member's
     * names until the clean-up after its departure, and a failover's start meanwhile must start the server, not find
     * it held (a loop of {@code FailoverTest} found it, once a start read the map past the cache without this check).
     */
    @Test
    void aStartDoesNotAnswerAHolderWhoseMemberIsNotInTheCluster() {
        PeeperCluster member = cluster.start(1).getFirst();
        int port = LoopbackPorts.reserve(1).getFirst();
        PeeperCluster other = PeeperCluster.start(ClusterOptions.named("elsewhere-" + UUID.randomUUID())
                .withPort(port).withMembers(List.of("127.0.0.1:" + port)));
        Pid foreign;
        try {
            foreign = counter(other, 1); // a process of a node that is no member of this cluster
        } finally {
            TestCluster.terminate(other);
        }
        member.hazelcast().getMap(ClusterNames.MAP).set(NAME, foreign); // as a departed member's name stays a while

        Pid started = member.failover().start(NAME, ClusterStarters.peeper(Counter::new, 5));

        assertThat(started).as("not the holder of no member").isNotEqualTo(foreign);
        assertThat(member.isHere(started)).isTrue();
        assertThat(member.names().holder(NAME)).as("the name now held by the server started").isEqualTo(started);
    }

    /**
     * A member caches a holder, then the names map stops holding it without a word to the caches (a merge after a
     * split replaced the map's entries). When that holder ends, its removal from the map finds nothing to remove;
     * the member's cache must drop it all the same, or a start there answers the dead holder as the running server
     * (a handoff then passes its state on to a dead process: seen in the fault suite without a majority).
     */
    @Test
    void anEndedHolderTheMapNoLongerHadIsNotAnsweredFromTheCache() {
        PeeperCluster member = cluster.start(1).getFirst();
        Pid holder = counter(member, 1);
        assertThat(member.name(NAME).whereis()).isEqualTo(holder);
        assertThat(member.names().cached()).isEqualTo(1);
        member.hazelcast().getMap(ClusterNames.MAP).delete(NAME); // as a merge replacing the side's entries does

        member.runAs(() -> ServerRef.of(holder).stop()); // its registry's clean-up unregisters it

        assertThat(member.name(NAME).whereis()).as("not the ended holder from the cache").isNull();
    }

    /**
     * A cached holder the map replaced without a word to the caches (a merge after a split replaces the side's
     * entries) ends: its clean-up finds nothing to remove, so it tells no other member. A call by name from a member
     * that cached it meets {@code noproc}, and must then ask the map, not the cache, for the holder to call again.
     */
    @Test
    void aCallByNameThatMeetsItsCachedHolderEndedAsksTheMapForTheNext() {
        PeeperCluster caller = cachingAnEndedHolderTheMapReplaced();

        assertThat(countByName(caller)).as("the map's holder, after the noproc").isEqualTo(2);
        assertThat(caller.name(NAME).whereis()).as("cached now").isNotNull().isNotEqualTo(ended);
    }

    /** The same with {@code callAsync}, which retries by the name without a thread waiting. */
    @Test
    void anAsynchronousCallByNameThatMeetsItsCachedHolderEndedAsksTheMapForTheNext() throws Exception {
        PeeperCluster caller = cachingAnEndedHolderTheMapReplaced();

        Object count = caller.callAs(() -> ServerRef.named(caller.name(NAME)).callAsync("get"))
                .get(TestCluster.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(count).as("the map's holder, after the noproc").isEqualTo(2);
    }

    /**
     * Two members: the first caches {@link #NAME}'s holder, a counter at 1 on the second; the map's entry is replaced
     * by a counter at 2 there, as a merge does, and the first counter ends. Answers the member that still caches it.
     */
    private PeeperCluster cachingAnEndedHolderTheMapReplaced() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster caller = members.get(0);
        PeeperCluster hosting = members.get(1);
        ended = counter(hosting, 1);
        assertThat(countByName(caller)).isEqualTo(1);
        Pid next = hosting.callAs(() -> GenServers.start(new Counter(), 2, StartOptions.defaults()).pid());
        hosting.hazelcast().getMap(ClusterNames.MAP).set(NAME, next); // as a merge replacing the entry does
        hosting.runAs(() -> ServerRef.of(ended).stop());
        assertThat(caller.name(NAME).whereis()).as("the ended holder, still cached").isEqualTo(ended);
        return caller;
    }

    @Test
    void aFreedNameFailsNoprocThoughItWasCached() {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster caller = members.get(0);
        Pid holder = counter(members.get(1), 1);
        assertThat(countByName(caller)).isEqualTo(1);

        members.get(1).runAs(() -> ServerRef.of(holder).stop());

        assertThat(caller.name(NAME).whereis()).isNull();
        assertThatThrownBy(() -> countByName(caller)).isInstanceOf(NoProcessException.class);
    }

    @Test
    void aNameTakenFromALiveHolderIsNeverAnsweredWithIt() {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = counter(members.get(1), 1);
        for (PeeperCluster member : members) {
            assertThat(countByName(member)).isEqualTo(1); // cached everywhere
        }

        members.get(2).name(NAME).unregister(first); // the first holder lives on, without the name
        Pid second = counter(members.get(2), 2);

        assertThat(Proc.isAlive(first)).isTrue();
        for (PeeperCluster member : members) {
            assertThat(member.name(NAME).whereis()).as("as " + member).isEqualTo(second);
            assertThat(countByName(member)).as("as " + member).isEqualTo(2);
        }
    }

    @Test
    void aNameTakenOverAfterItsMemberDiedReachesTheNewHolder() {
        List<PeeperCluster> members = cluster.start(3);
        PeeperCluster caller = members.get(0);
        counter(members.get(2), 1);
        assertThat(countByName(caller)).isEqualTo(1);

        TestCluster.terminate(members.get(2));
        TestCluster.awaitSize(members.subList(0, 2), 2);
        counter(members.get(1), 2); // the dead member's holder is no holder: the name is taken at once

        assertThat(countByName(caller)).isEqualTo(2);
    }
}
