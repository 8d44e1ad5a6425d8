package dev.peeper.cluster;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.Arrays;

/**
 * A member in a JVM of its own, for crash tests: joins the cluster named by its first argument on the port of its
 * second, with the member list of the rest; registers an idle process as {@code victim} and starts, here, a
 * Peeper counter {@code kept-counter} that fails over with its replicated state; prints {@code READY}; then waits
 * to be killed.
 */
public final class ChildMember {
    private ChildMember() {
    }

    public static void main(String[] args) throws InterruptedException {
        PeeperCluster member = PeeperCluster.start(ClusterOptions.named(args[0]).withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length)));
        Pid victim = Proc.spawn(Proc::receive);
        member.name("victim").register(victim);
        Pid counter = member.failover().start("kept-counter", ClusterStarters.peeper(Counter::new, 0));
        System.out.println("READY " + member.node() + " " + counter);
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
