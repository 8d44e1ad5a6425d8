package dev.peeper.bench.scenario;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperRef;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap an idle distributed server holds, against an idle local Peeper server measured in the same JVM: used
 * heap after full collections, before and after starting {@code n} of each. The distributed ones are started with
 * {@code startOnOwner} on a 2-member cluster whose members both run in this JVM, so their figure is the cost across
 * the cluster: the process and its local keeper front on its member, its name, its start spec and its replicated
 * state, each with its backup on the other member, and the engine's records of them. Then each is called once by
 * name from the member it does not run on, and the heap measured again: what being called remotely adds (the reply
 * is serialized on the server's own virtual thread, for which the engine keeps buffers; the calling member caches
 * the name).
 */
final class ClusterHeap {
    private static final int WARM_UP = 200;

    private ClusterHeap() {
    }

    static void run(int n) {
        try (LoopbackCluster cluster = new LoopbackCluster(2)) {
            List<PeeperCluster> members = cluster.start(2);
            List<Object> held = new ArrayList<>();
            startLocal(WARM_UP, held);
            startDistributed(members, "warm-up-", WARM_UP);

            long before = Scale.usedAfterGc(3);
            startLocal(n, held);
            long afterLocal = Scale.usedAfterGc(3);
            startDistributed(members, "idle-", n);
            long afterDistributed = Scale.usedAfterGc(3);
            callEachFromTheOtherMember(members, n);
            long afterCalled = Scale.usedAfterGc(3);

            check(members, n);
            Scenarios.result("heap.count", n);
            Scenarios.result("heap.local.bytes", (afterLocal - before) / (double) n);
            Scenarios.result("heap.distributed.bytes", (afterDistributed - afterLocal) / (double) n);
            Scenarios.result("heap.distributed.calledRemotely.bytes", (afterCalled - afterDistributed) / (double) n);
            if (held.size() != n + WARM_UP) {
                throw new AssertionError("lost a local server's reference");
            }
        }
    }

    private static void startLocal(int count, List<Object> held) {
        for (int i = 0; i < count; i++) {
            PeeperRef ref = Peeper.start(HandCounter::new, 0);
            held.add(ref);
        }
    }

    /** Starts {@code count} servers from the members in turn; each lands on its name's owner. */
    private static void startDistributed(List<PeeperCluster> members, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            members.get(i % members.size()).startOnOwner(prefix + i, ClusterStarters.peeper(HandCounter::new, 0),
                    LoopbackCluster.TIMEOUT);
        }
    }

    /** Calls each idle server once, by name, from the member it does not run on: its answer crosses the network. */
    private static void callEachFromTheOtherMember(List<PeeperCluster> members, int n) {
        for (int i = 0; i < n; i++) {
            String name = "idle-" + i;
            PeeperCluster any = members.get(i % members.size());
            Pid pid = any.callAs(() -> any.name(name).whereis());
            PeeperCluster caller = members.stream().filter(member -> !member.isHere(pid)).findFirst().orElseThrow();
            ServerRef server = ServerRef.named(caller.name(name));
            int count = caller.callAs(() -> server.<Integer>call(new Msg.Get()));
            if (count != 0) {
                throw new AssertionError(name + " answered " + count);
            }
        }
    }

    /** A sample of the distributed servers answers, from a member that may not be theirs: they are really there. */
    private static void check(List<PeeperCluster> members, int n) {
        PeeperCluster caller = members.get(0);
        for (int i = 0; i < n; i += Math.max(1, n / 50)) {
            ServerRef server = ServerRef.named(caller.name("idle-" + i));
            int count = caller.callAs(() -> server.<Integer>call(new Msg.Get()));
            if (count != 0) {
                throw new AssertionError("idle-" + i + " answered " + count);
            }
        }
        int names = caller.hazelcast().getMap("peeper.servers").size();
        if (names != n + WARM_UP) {
            throw new AssertionError(names + " servers recorded in the cluster, expected " + (n + WARM_UP));
        }
    }
}
