package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.process.ExitReason;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.CallException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server whose member dies starts again on the name's new owner, with its last acknowledged state. */
class FailoverTest {
    private static final ClusterStarter COUNTER = ClusterStarters.peeper(Counter::new, 0);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /**
     * A member being merged into another cluster starts no server of a member it saw leave: that member may be in the
     * cluster it joins, serving. Seen in the fault suite without a majority: a start decided while the member was
     * alone ran after its merge and took the name over from the live server. Once the merge has settled, the next
     * look decides again.
     */
    @Test
    void aMemberBeingMergedStartsNoServerOfAMemberItSawLeave() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = members.get(0).startOnOwner("departed", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        List<PeeperCluster> survivors = members.stream().filter(m -> m != home).toList();
        survivors.forEach(member -> member.mergeBarrier().close(member.slots()));

        TestCluster.terminate(home);
        TestCluster.awaitSize(survivors, 2);
        TestCluster.await(() -> survivors.stream().anyMatch(member -> member.hazelcast().getMap(Failover.MAP)
                .localKeySet().contains("departed")), "a survivor to own the departed server's spec");
        for (PeeperCluster member : survivors) {
            member.failover().regained().get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS); // one look, done
        }
        assertThat(survivors).as("started nowhere while being merged")
                .noneMatch(member -> member.handoffs().runningHere().containsKey("departed"));

        survivors.forEach(member -> member.mergeBarrier().open(member.mergeBarrier().closing()));
        TestCluster.await(() -> survivors.stream().anyMatch(m -> m.handoffs().runningHere().containsKey("departed")),
                "the failover once the merge settled");
    }

    /**
     * A member's removal is heard before its partitions have new owners, so the look it starts may find the dead
     * member's servers owned by nobody here yet; the look that follows the promotions ({@link PartitionsSettled})
     * starts them, not the next one-second tick. With the tick off, the events alone must start the server: before,
     * they did not, and a frozen member's failover took up to a second longer than its detection for it.
     */
    @Test
    void theEventsAloneStartAServerWhoseMemberDiedWithoutWaitingForATick() {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = members.get(0).startOnOwner("prompt", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        List<PeeperCluster> survivors = members.stream().filter(m -> m != home).toList();
        ServerRef byName = ServerRef.named(survivors.get(0).name("prompt"));
        survivors.get(0).callAs(() -> {
            byName.cast(7);
            return byName.call("get");
        });
        survivors.forEach(member -> member.failover().ticking(false));

        TestCluster.terminate(home);

        assertThat(callUntilAnswered(survivors.get(0), byName)).as("the restored state").isEqualTo(7);
    }

    @Test
    void aServerWhoseMemberDiesResumesElsewhereWithItsState() {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = members.get(0).startOnOwner("survivor", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        PeeperCluster caller = members.stream().filter(m -> m != home).findFirst().orElseThrow();
        ServerRef byName = ServerRef.named(caller.name("survivor"));
        int acknowledged = caller.callAs(() -> {
            for (int i = 0; i < 25; i++) {
                byName.cast(1);
            }
            return byName.call("get");
        });
        assertThat(acknowledged).isEqualTo(25);

        long killed = System.nanoTime();
        TestCluster.terminate(home);
        int resumed = callUntilAnswered(caller, byName);
        System.out.printf("failover: killed to first answer with the restored state in %d ms%n",
                (System.nanoTime() - killed) / 1_000_000);

        assertThat(resumed).isEqualTo(25);
        Pid second = caller.name("survivor").whereis();
        assertThat(second).isNotEqualTo(first);
        assertThat(members.stream().filter(m -> m != home).anyMatch(m -> m.isHere(second))).isTrue();
        caller.runAs(() -> byName.cast(5));
        assertThat(caller.<Integer>callAs(() -> byName.call("get"))).isEqualTo(30);
    }

    @Test
    void aCallByNameMadeBeforeItsServerStartsWaitsForItWithinItsTimeout() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster caller = members.get(1);
        ServerRef byName = ServerRef.named(caller.name("not-yet"));
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        Thread calling = Thread.ofPlatform().start(() -> {
            try {
                answer.complete(caller.callAs(() -> byName.call("get", TIMEOUT)));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        // the call found no holder and waits for one (it would have failed at once with NoProcessException)
        TestCluster.await(() -> answer.isDone() || Arrays.stream(calling.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("awaitHolder")), "the call to wait for a holder");
        assertThat(answer).isNotDone();

        members.get(0).startOnOwner("not-yet", COUNTER, TIMEOUT);

        assertThat(answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isZero();
        calling.join(TIMEOUT.toMillis());
    }

    @Test
    void aServerStoppedOnPurposeIsNotStartedAgain() {
        List<PeeperCluster> members = cluster.start(2);
        Pid pid = members.get(0).startOnOwner("stopped", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, pid);

        home.runAs(() -> ServerRef.of(pid).stop(ExitReason.normal(), TIMEOUT));

        TestCluster.await(() -> home.hazelcast().getMap(Failover.MAP).isEmpty(), "the starter forgotten");
        assertThat(home.name("stopped").whereis()).isNull();
        assertThat(home.hazelcast().getMap(ClusterKeepers.MAP).get("stopped")).isNull();
    }

    @Test
    void theEndOfAnEarlierServerOfANameDoesNotForgetALaterOnesStarter() {
        List<PeeperCluster> members = cluster.start(2);
        Pid pid = members.get(0).startOnOwner("again", COUNTER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, pid);
        IMap<Object, ServerSpec> specs = home.hazelcast().getMap(Failover.MAP);
        ServerSpec running = specs.get("again");

        // what the end of an earlier server of the name, on this member, does when it comes late
        home.failover().forget("again", running.start() + 1);
        assertThat(specs.get("again")).extracting(ServerSpec::start).isEqualTo(running.start());

        home.failover().forget("again", running.start()); // its own server's end
        assertThat(specs.get("again")).isNull();
    }

    @Test
    void aStartFreesANameStillHeldByAnEndedProcessOfItsMember() throws Exception {
        List<PeeperCluster> members = cluster.start(2);
        PeeperCluster home = members.get(0);
        Pid ended = home.callAs(() -> Proc.spawn(() -> { }));
        RemoteNodes.exitFuture(ended).get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        // what a member cut off from the majority leaves behind: its server ended, the removal of its name refused
        home.hazelcast().<Object, Pid>getMap(ClusterNames.MAP).set("stale", ended);
        assertThat(home.name("stale").whereis()).as("looked up, and cached, as a holder").isEqualTo(ended);

        Pid started = home.failover().start("stale", COUNTER);

        assertThat(started).as("a new server, not the ended process").isNotEqualTo(ended);
        assertThat(home.<Boolean>callAs(() -> Proc.isAlive(started))).isTrue();
        assertThat(members.get(1).name("stale").whereis()).isEqualTo(started);
        assertThat(members.get(1).<Integer>callAs(() -> ServerRef.named(members.get(1).name("stale")).call("get")))
                .isZero();
    }

    /** Calls "get" by name until the restarted server answers; every failure meanwhile is a step of the failover. */
    static int callUntilAnswered(PeeperCluster caller, ServerRef byName) {
        return untilAnswered(caller, () -> byName.call("get", Duration.ofMillis(500)));
    }

    /**
     * Runs {@code call} as {@code caller} until it is answered; every failure meanwhile is a step of the failover.
     * If none is answered in time, the error says which failures it met and how often: "no holder" and "no answer"
     * are different bugs.
     */
    static <T> T untilAnswered(PeeperCluster caller, Supplier<T> call) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Integer> failures = new LinkedHashMap<>();
        while (true) {
            try {
                return caller.callAs(call);
            } catch (NoProcessException | CallException e) {
                failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the server did not come back within " + TIMEOUT + "; the calls met "
                            + failures, e);
                }
                Thread.onSpinWait();
            }
        }
    }
}
