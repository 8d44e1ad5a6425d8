package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.server.ServerRef;
import dev.peeper.server.internal.ServerLoops;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A merge's clean-up stops a superseded server only once no move holds its name. Not during the move: a move ends its
 * server by itself, passing what its mailbox holds to the name's holder, and a stop request queued there with it once
 * went along and stopped the holder, so that no server ran the name any more (the fault suite's long run without a
 * majority). Nor skipped for it: a move may end without handing its server over (the merge gave the name to the
 * other side, so the move found it no longer this member's), and a stop skipped then left the superseded server
 * running for good (the heal demo, once). Nor left behind by the merge, however long the move takes. The move is played here by
 * its mark ({@link Handoffs#unlessMoving}).
 */
class StopDuringMoveTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aServerAMoveHandsOverIsLeftToItsMove() throws Exception {
        PeeperCluster member = cluster.start(1).get(0);
        Pid stale = startTags(member, "tags-moving");
        Pid holder = startTags(member, "tags-kept");

        Thread stop = stopDuring(member, "tags-moving", stale, holder, () -> {
            assertThat(RemoteNodes.isAlive(stale)).as("not stopped while the move holds the name").isTrue();
            // the move hands the server over: it ends by itself, as transferred
            member.callAs(() -> {
                ServerRef.of(stale).stop(ServerLoops.TRANSFERRED, TIMEOUT);
                return null;
            });
        });

        assertThat(stop.join(TIMEOUT)).as("the stop returned once the move let go").isTrue();
        assertThat(TestCluster.await(RemoteNodes.exitFuture(stale)).toString()).contains("transferred")
                .doesNotContain("SplitHealedException");
        assertThat(RemoteNodes.isAlive(holder)).isTrue();
    }

    @Test
    void aServerAMoveLeavesWhereItWasIsStoppedOnceTheMoveLetsGo() throws Exception {
        PeeperCluster member = cluster.start(1).get(0);
        Pid stale = startTags(member, "tags-left");
        Pid holder = startTags(member, "tags-kept");

        stopDuring(member, "tags-left", stale, holder, () -> {
            assertThat(RemoteNodes.isAlive(stale)).as("not stopped while the move holds the name").isTrue();
            // the move ends without handing anything over
        });

        ExitReason reason = TestCluster.await(RemoteNodes.exitFuture(stale));
        assertThat(reason.toString()).contains("SplitHealedException");
        assertThat(RemoteNodes.isAlive(holder)).isTrue();
    }

    /**
     * The merge's clean-up returns (and replies here stop waiting for their writes) only once its stops have ended,
     * even when a move holds a superseded server's name longer than the ten seconds it waited at most before: a
     * server the move then left where it was would otherwise run on, superseded, acknowledging states (asynchronous
     * mode) whose writes the merged cluster refuses.
     */
    @Test
    void theMergeWaitsForAStopThatAMoveHoldsUpLongerThanBefore() throws Exception {
        PeeperCluster member = cluster.start(1).get(0);
        Pid stale = startTags(member, "tags-superseded");
        Pid holder = startTags(member, "tags-other");
        // as the merged cluster would have it: the name is another process's
        member.names().unregister("tags-superseded", stale);
        assertThat(member.names().register("tags-superseded", holder)).isTrue();
        CountDownLatch moveEnds = new CountDownLatch(1);
        CountDownLatch moveHolds = new CountDownLatch(1);
        Thread move = Thread.ofVirtual().name("long-move").start(() -> member.handoffs().unlessMoving(
                "tags-superseded", () -> {
                    moveHolds.countDown();
                    awaitQuietly(moveEnds);
                }));
        assertThat(moveHolds.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        Thread merge = Thread.ofVirtual().name("after-merge").start(() -> member.conflicts().afterMerge());

        assertThat(merge.join(Duration.ofSeconds(11))).as("the merge still waits for the stop the move holds up")
                .isFalse();
        assertThat(RemoteNodes.isAlive(stale)).as("not stopped while the move holds the name").isTrue();
        moveEnds.countDown(); // the move ends without handing anything over
        assertThat(move.join(TIMEOUT)).isTrue();
        assertThat(merge.join(TIMEOUT)).as("the merge returned once its stop had ended").isTrue();
        assertThat(RemoteNodes.isAlive(stale)).as("stopped before the merge returned").isFalse();
        assertThat(TestCluster.await(RemoteNodes.exitFuture(stale)).toString()).contains("SplitHealedException");
        assertThat(RemoteNodes.isAlive(holder)).isTrue();
    }

    private static Pid startTags(PeeperCluster member, String name) {
        return member.startOnOwner(name, ClusterStarters.peeper(TagSet::new, null), TIMEOUT);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holds {@code name} as a move would, asks the merge's clean-up to stop its server {@code stale} (superseded by
     * {@code holder}) meanwhile, runs {@code move} once the stop waits for the move, then lets go: the stop's thread.
     */
    private static Thread stopDuring(PeeperCluster member, String name, Pid stale, Pid holder, Runnable move) {
        AtomicReference<Thread> stop = new AtomicReference<>();
        boolean ran = member.handoffs().unlessMoving(name, () -> {
            stop.set(Thread.ofVirtual().name("merge-stop").start(() -> member.conflicts().stop(name, stale, holder)));
            // parked with a deadline: waiting for this mark
            await(() -> stop.get().getState() == Thread.State.TIMED_WAITING, "the stop to wait for the move");
            move.run();
        });
        assertThat(ran).as("the mark was free").isTrue();
        return stop.get();
    }
}
