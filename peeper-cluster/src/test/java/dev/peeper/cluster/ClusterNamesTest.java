package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.map.IMap;
import dev.peeper.cluster.transport.Members;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cluster-wide names: unique across members, found from any member, freed when the process or its member goes. */
class ClusterNamesTest {
    private static final int NAMES = 20;
    private static final int CLAIMANTS_PER_MEMBER = 4;

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** A process of {@code member} that lives until it is sent anything. */
    private static Pid idle(PeeperCluster member) {
        return member.callAs(() -> Proc.spawn(Proc::receive));
    }

    @Test
    void aNameRegisteredOnOneMemberIsFoundFromEveryMember() {
        List<PeeperCluster> members = cluster.start(3);
        Pid holder = idle(members.get(1));

        members.get(1).name("orders").register(holder);

        for (PeeperCluster member : members) {
            assertThat(member.name("orders").whereis()).isEqualTo(holder);
        }
        assertThat(members.get(1).name("orders").whereis()).isSameAs(holder);
        assertThatThrownBy(() -> members.get(2).name("orders").register(idle(members.get(2))))
                .isInstanceOf(NameTakenException.class);
    }

    /**
     * A merge after a split can bring back into the names map a name that this member had freed, with its ended
     * holder (the side merged in still had it): a process of this member claiming the name takes it, since a holder
     * of this member that has ended holds nothing. A holder of another member that is present keeps it, as before.
     */
    @Test
    void aNameHeldByAnEndedProcessOfThisMemberIsFree() throws Exception {
        PeeperCluster member = cluster.start(1).getFirst();
        Pid ended = idle(member);
        member.runAs(() -> Proc.send(ended, "end"));
        Proc.whenExited(ended).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        member.hazelcast().getMap(ClusterNames.MAP).set("orders", ended); // as the merge of the side merged in does

        Pid next = idle(member);
        member.name("orders").register(next);

        assertThat(member.name("orders").whereis()).isEqualTo(next);
    }

    /**
     * After a merge, a member frees the names the merge gave back to its ended processes, which no claim on it may
     * ever ask for: lookups from the other members stop answering the dead holder, and a live holder of the member
     * keeps its name.
     */
    @Test
    void afterAMergeTheNamesOfEndedProcessesOfTheMemberAreFreedForEveryMember() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster merged = members.get(0);
        PeeperCluster other = members.get(1);
        Pid ended = idle(merged);
        Pid live = idle(merged);
        merged.runAs(() -> Proc.send(ended, "end"));
        Proc.whenExited(ended).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        merged.hazelcast().getMap(ClusterNames.MAP).set("orders", ended); // as the merge of the side merged in does
        merged.name("invoices").register(live);
        assertThat(other.name("orders").whereis()).as("the dead holder, before").isEqualTo(ended);

        merged.conflicts().afterMerge();

        assertThat(other.name("orders").whereis()).as("freed for the other member, its cache too").isNull();
        assertThat(merged.name("orders").whereis()).isNull();
        assertThat(other.name("invoices").whereis()).as("a live holder keeps its name").isEqualTo(live);
    }

    /**
     * A member merged back after a split comes back with its node number, so a pid of it that another member cached
     * while it was away would be answered again, long after the name moved on. No lookup may cache such a pid: here
     * one reads the name while its holder's member is away and before the clean-up frees the node's names (which
     * tells no cache), and after the member is back the lookup must answer the map, not that holder.
     */
    @Test
    void aHolderLookedUpWhileItsMemberWasAwayIsNotAnsweredOnceItIsBack() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster looking = members.get(0);
        PeeperCluster away = members.get(1);
        Pid holder = idle(away);
        away.name("orders").register(holder);
        Members view = new Members(looking.hazelcast(), false); // this member's view, told of the split by hand
        ClusterNames names = new ClusterNames(looking.hazelcast(), view, new HostedProcesses(looking.node()));
        Member awayMember = away.hazelcast().getCluster().getLocalMember();
        IMap<Object, Pid> map = looking.hazelcast().getMap(ClusterNames.MAP);
        try {
            view.memberRemoved(membershipEvent(looking, awayMember, MembershipEvent.MEMBER_REMOVED));
            await(() -> !map.containsKey("orders"), "the clean-up of the names of the member that left");
            map.set("orders", holder); // the map as a lookup read it before that clean-up

            assertThat(names.whereis("orders")).as("the holder's member is away").isNull();
            map.remove("orders"); // the clean-up, which tells no cache
            view.memberAdded(membershipEvent(looking, awayMember, MembershipEvent.MEMBER_ADDED)); // merged back

            assertThat(names.whereis("orders")).as("the map's answer, not the holder read while it was away").isNull();
        } finally {
            names.close();
            view.close();
        }
    }

    private static MembershipEvent membershipEvent(PeeperCluster at, Member member, int type) {
        return new MembershipEvent(at.hazelcast().getCluster(), member, type,
                at.hazelcast().getCluster().getMembers());
    }

    @Test
    void concurrentClaimsFromEveryMemberLeaveOneHolderPerName() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Map<String, Pid>>> claims = new ArrayList<>();
        for (PeeperCluster member : members) {
            for (int c = 0; c < CLAIMANTS_PER_MEMBER; c++) {
                Pid claimant = idle(member);
                CompletableFuture<Map<String, Pid>> won = new CompletableFuture<>();
                claims.add(won);
                Thread.ofVirtual().start(() -> {
                    try {
                        go.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        Map<String, Pid> mine = new HashMap<>();
                        for (int n = 0; n < NAMES; n++) {
                            if (member.names().register("name-" + n, claimant)) {
                                mine.put("name-" + n, claimant);
                            }
                        }
                        won.complete(mine);
                    } catch (Throwable e) {
                        won.completeExceptionally(e);
                    }
                });
            }
        }
        go.countDown();

        Map<String, Pid> winners = new ConcurrentHashMap<>();
        for (CompletableFuture<Map<String, Pid>> claim : claims) {
            await(claim).forEach((name, pid) -> assertThat(winners.putIfAbsent(name, pid))
                    .as("a second winner for " + name).isNull());
        }
        assertThat(winners).hasSize(NAMES);
        for (PeeperCluster member : members) {
            winners.forEach((name, pid) -> assertThat(member.names().whereis(name)).isEqualTo(pid));
        }
    }

    @Test
    void aLateJoinerFindsEveryNameRegisteredBeforeIt() {
        List<PeeperCluster> members = cluster.start(2, 3);
        Map<String, Pid> registered = new HashMap<>();
        for (int n = 0; n < NAMES; n++) {
            Pid pid = idle(members.get(n % 2));
            members.get(n % 2).name("early-" + n).register(pid);
            registered.put("early-" + n, pid);
        }

        PeeperCluster late = cluster.member(2);

        registered.forEach((name, pid) -> assertThat(late.name(name).whereis()).as(name).isEqualTo(pid));
    }

    @Test
    void aNameIsFreeOnceItsProcessHasEnded() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        Pid holder = idle(members.get(1));
        // registered as member 1, the holder's own: its end frees the name on its own thread, before anyone hears
        members.get(1).runAs(() -> members.get(1).name("session").register(holder));

        Proc.send(holder, "stop"); // the test thread runs as member 0: this goes through the transport
        // asked for after the stop was sent, so maybe while the process is ending: it completes only once the end,
        // the freeing of the name included, is done
        CompletableFuture<?> ended = members.get(1).callAs(() -> Proc.whenExited(holder));
        ended.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        // the name is dropped as the process ends, before anyone hears of the end
        assertThat(members.get(0).name("session").whereis()).isNull();
        Pid next = idle(members.get(0));
        members.get(0).name("session").register(next);
        assertThat(members.get(1).name("session").whereis()).isEqualTo(next);
    }

    @Test
    void theNamesOfAMemberThatDiesAreFreed() {
        List<PeeperCluster> members = cluster.start(3);
        for (int n = 0; n < NAMES; n++) {
            members.get(2).name("doomed-" + n).register(idle(members.get(2)));
        }
        PeeperCluster survivor = members.get(0);

        TestCluster.terminate(members.get(2));
        TestCluster.awaitSize(members.subList(0, 2), 2);

        for (int n = 0; n < NAMES; n++) {
            assertThat(survivor.name("doomed-" + n).whereis()).isNull();
        }
        await(() -> survivor.hazelcast().getMap(ClusterNames.MAP).isEmpty(), "the names of the dead member removed");
        Pid taker = idle(members.get(1));
        members.get(1).name("doomed-0").register(taker);
        assertThat(survivor.name("doomed-0").whereis()).isEqualTo(taker);
    }

    @Test
    void aServerStartedUnderAClusterNameIsCalledByNameFromAnotherMember() {
        List<PeeperCluster> members = cluster.start(2);
        ProcessName counter = members.get(1).name("counter");
        members.get(1).runAs(() -> GenServers.start(new Counter(), 40, StartOptions.named(counter)));

        int count = members.get(0).callAs(() -> {
            ServerRef byName = ServerRef.named(ProcessName.via(members.get(0).names(), "counter"));
            byName.cast(2);
            return byName.call("get");
        });

        assertThat(count).isEqualTo(42);
    }
}
