package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls and casts from every member at once to one synchronous-mode server ({@link Ledger}), with and without the
 * death of the member that runs it. Each sender sends batches: {@value #CASTS_PER_BATCH} casts, then a call, all to
 * the pid it resolved for the batch. Bounded by count ({@code -Dpeeper.stress.batches=N} for a longer run).
 */
class ClusterLoadTest {
    private static final int BATCHES = Integer.getInteger("peeper.stress.batches", 30);
    private static final int CASTS_PER_BATCH = 3;
    /** Operation ids are {@code sender * OPS_PER_SENDER + sequence}: unique across the test. */
    private static final int OPS_PER_SENDER = 100_000;
    private static final ClusterStarter LEDGER = ClusterStarters.peeper(Ledger::new, null);

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /**
     * One sender: a thread running as one member. An operation is <em>acknowledged</em> when the call ending its
     * batch returned: the call went to the same pid as the batch's casts, after them (one sender, one server: in
     * order), and in synchronous mode its reply is released only once the state it produced, which includes them,
     * is on a backup. If the call fails, every operation of the batch is <em>in doubt</em>: it may or may not have
     * been applied and kept. The sender then waits for the name to resolve to another pid that answers, and goes on.
     */
    private static final class Sender {
        final int id;
        final PeeperCluster member;
        final List<Integer> sent = new ArrayList<>();
        final List<Integer> acknowledged = new ArrayList<>();
        final List<Integer> inDoubt = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();

        Sender(int id, PeeperCluster member) {
            this.id = id;
            this.member = member;
        }

        void run(String name, CountDownLatch go, AtomicInteger acknowledgedBatches) throws InterruptedException {
            go.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Pid server = answering(name, null);
            for (int batch = 0; batch < BATCHES; batch++) {
                List<Integer> ops = new ArrayList<>();
                ServerRef ref = ServerRef.of(server);
                try {
                    for (int c = 0; c < CASTS_PER_BATCH; c++) {
                        ops.add(next());
                        ref.cast(ops.getLast());
                    }
                    ops.add(next());
                    Integer answered = ref.call(ops.getLast(), TIMEOUT);
                    assertThat(answered).isEqualTo(ops.getLast());
                    acknowledged.addAll(ops);
                    acknowledgedBatches.incrementAndGet();
                } catch (RuntimeException e) {
                    inDoubt.addAll(ops);
                    failures.add(e);
                    server = answering(name, server);
                }
            }
        }

        private Integer next() {
            int op = id * OPS_PER_SENDER + sent.size();
            sent.add(op);
            return op;
        }

        /**
         * The pid {@code name} resolves to, once it is not {@code failed} and answers a call: every failure meanwhile
         * is a step of the failover, and is retried within {@link TestCluster#TIMEOUT}.
         */
        private Pid answering(String name, Pid failed) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            RuntimeException last = null;
            while (System.nanoTime() - deadline < 0) {
                try {
                    Pid pid = member.name(name).whereis();
                    if (pid != null && !pid.equals(failed)) {
                        ServerRef.of(pid).call("get", Duration.ofMillis(500));
                        return pid;
                    }
                } catch (RuntimeException e) {
                    last = e;
                }
                Thread.onSpinWait();
            }
            throw new AssertionError("sender " + id + " found no answering server for " + name + " within "
                    + TIMEOUT, last);
        }
    }

    /** Starts {@code perMember} senders on each of {@code from}, each on a virtual thread running as its member. */
    private static List<CompletableFuture<Sender>> send(String name, List<PeeperCluster> from, int perMember,
            CountDownLatch go, AtomicInteger acknowledgedBatches) {
        List<CompletableFuture<Sender>> senders = new ArrayList<>();
        for (PeeperCluster member : from) {
            for (int i = 0; i < perMember; i++) {
                Sender sender = new Sender(senders.size() + 1, member);
                CompletableFuture<Sender> done = new CompletableFuture<>();
                senders.add(done);
                Thread.ofVirtual().name("sender-" + sender.id).start(() -> {
                    try {
                        member.runAs(() -> {
                            try {
                                sender.run(name, go, acknowledgedBatches);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        done.complete(sender);
                    } catch (Throwable e) {
                        done.completeExceptionally(e);
                    }
                });
            }
        }
        return senders;
    }

    private static List<Sender> awaitAll(List<CompletableFuture<Sender>> senders) throws Exception {
        List<Sender> done = new ArrayList<>();
        for (CompletableFuture<Sender> sender : senders) {
            done.add(TestCluster.await(sender));
        }
        return done;
    }

    /** The operations of {@code sender} in {@code applied}, in the order they were applied. */
    private static List<Integer> of(Sender sender, List<Integer> applied) {
        return applied.stream().filter(op -> op / OPS_PER_SENDER == sender.id).toList();
    }

    @Test
    void callsAndCastsFromEveryMemberAreEachAppliedOnceInOrderPerSender() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        members.get(0).startOnOwner("ledger", LEDGER, TIMEOUT);
        CountDownLatch go = new CountDownLatch(1);

        List<CompletableFuture<Sender>> running = send("ledger", members, 2, go, new AtomicInteger());
        go.countDown();
        List<Sender> senders = awaitAll(running);

        List<Integer> applied = members.get(1).callAs(() -> ServerRef.named(members.get(1).name("ledger")).call("get"));
        for (Sender sender : senders) {
            assertThat(sender.failures).as("sender %d's failures", sender.id).isEmpty();
            assertThat(of(sender, applied)).as("sender %d's operations, in its order", sender.id)
                    .containsExactlyElementsOf(sender.sent);
        }
        assertThat(applied).hasSize(senders.size() * BATCHES * (CASTS_PER_BATCH + 1));
    }

    /**
     * The member running the server is terminated (in this JVM: its sockets just close) while the other members'
     * senders are under way; then {@link #assertAcknowledgedKeptOnceAndNothingElse}.
     */
    @Test
    void aMemberTerminatedUnderLoadLosesNoAcknowledgedOperationAndRepeatsNone() throws Exception {
        List<PeeperCluster> members = cluster.start(3);
        Pid first = members.get(0).startOnOwner("ledger", LEDGER, TIMEOUT);
        PeeperCluster home = TestCluster.homeOf(members, first);
        List<PeeperCluster> survivors = members.stream().filter(m -> m != home).toList();

        killUnderLoad(survivors, first, () -> TestCluster.terminate(home));
    }

    /** As {@link #aMemberTerminatedUnderLoadLosesNoAcknowledgedOperationAndRepeatsNone}, with a child JVM's SIGKILL. */
    @Test
    void aMemberKilledWithSigkillUnderLoadLosesNoAcknowledgedOperationAndRepeatsNone() throws Exception {
        List<PeeperCluster> survivors = cluster.start(2, 3);
        try (ChildJvm child = cluster.startChild(LedgerChildMember.class, 2)) {
            Backups.awaitInPlace(survivors);
            Pid first = survivors.get(0).name("ledger").whereis();
            assertThat(survivors).noneMatch(m -> m.isHere(first));

            killUnderLoad(survivors, first, () -> {
                try {
                    child.close(); // SIGKILL
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /**
     * Runs three senders on each of {@code survivors} against the ledger {@code first}, kills its member with
     * {@code kill} once a third of the batches are acknowledged, lets the senders finish, and checks the ledger.
     */
    private static void killUnderLoad(List<PeeperCluster> survivors, Pid first, Runnable kill) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger acknowledgedBatches = new AtomicInteger();
        List<CompletableFuture<Sender>> running = send("ledger", survivors, 3, go, acknowledgedBatches);
        go.countDown();
        int killAt = running.size() * BATCHES / 3;
        TestCluster.await(() -> acknowledgedBatches.get() >= killAt, killAt + " batches acknowledged");
        kill.run();
        List<Sender> senders = awaitAll(running);

        PeeperCluster reader = survivors.get(0);
        List<Integer> applied = FailoverTest.untilAnswered(reader,
                () -> ServerRef.named(reader.name("ledger")).call("get", Duration.ofMillis(500)));
        assertThat(reader.name("ledger").whereis()).isNotEqualTo(first);
        assertAcknowledgedKeptOnceAndNothingElse(senders, applied);
    }

    /**
     * The server's state after its member died (the list of the operations it applied) holds every acknowledged
     * operation exactly once, and nothing but acknowledged or in-doubt ones; each sender's operations in its order.
     * So no acknowledged update is lost, and none is repeated behind its caller's back. An in-doubt operation (its
     * batch's call failed when the member died) may be in the state or not: its caller was told, by the failure, that
     * it cannot know; with none in doubt, the state is exactly the acknowledged operations.
     */
    private static void assertAcknowledgedKeptOnceAndNothingElse(List<Sender> senders, List<Integer> applied) {
        Set<Integer> acknowledged = new HashSet<>();
        Set<Integer> inDoubt = new HashSet<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (Sender sender : senders) {
            acknowledged.addAll(sender.acknowledged);
            inDoubt.addAll(sender.inDoubt);
            failures.addAll(sender.failures);
            assertThat(of(sender, applied)).as("sender %d's operations, in its order", sender.id).isSorted();
        }
        assertThat(failures).as("a call that may have run fails with the server's exit, never silently")
                .allSatisfy(e -> assertThat(e).isInstanceOf(ServerExitException.class));
        assertThat(applied).as("no operation applied twice").doesNotHaveDuplicates();
        assertThat(applied).as("every acknowledged operation kept").containsAll(acknowledged);
        Set<Integer> unacknowledged = new HashSet<>(applied);
        unacknowledged.removeAll(acknowledged);
        assertThat(inDoubt).as("what was kept without an acknowledgement was in doubt").containsAll(unacknowledged);
        System.out.printf("killed under load: %d operations acknowledged, %d in doubt (%d of them kept), "
                + "%d failed batches: %s%n", acknowledged.size(), inDoubt.size(), unacknowledged.size(),
                failures.size(), failures.stream().map(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                        .distinct().toList());
    }
}
