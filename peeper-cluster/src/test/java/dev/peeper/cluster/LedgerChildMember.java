package dev.peeper.cluster;

import dev.peeper.process.Pid;
import java.util.Arrays;

/**
 * A member in a JVM of its own, for the load test with a real crash: joins the cluster named by its first argument
 * on the port of its second, with the member list of the rest; starts, here, a {@link Ledger} named {@code ledger}
 * that fails over with its replicated state and stays here although another member owns the name (its handoff
 * answers stay); prints {@code READY}; then waits to be killed.
 */
public final class LedgerChildMember {
    private LedgerChildMember() {
    }

    public static void main(String[] args) throws InterruptedException {
        PeeperCluster member = PeeperCluster.start(ClusterOptions.named(args[0]).withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length)));
        Pid ledger = member.failover().start("ledger", ClusterStarters.peeper(Ledger::new, null));
        System.out.println("READY " + member.node() + " " + ledger);
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
