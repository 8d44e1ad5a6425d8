package dev.peeper.cluster;

import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A member in a JVM of its own for the three-way heal test: joins the cluster named by its first argument on the port
 * of its second, with the member list of the rest, with a minimum of one member (no majority: it serves on alone),
 * and prints {@code READY}. Then it waits (bounded) until the cluster keeps one server running (another member starts
 * it) and prints {@code NAME name}; then, for ever, casts {@code c1}, {@code c2}, ... to that server by name and calls
 * {@code get} after each, printing {@code ACK tag millis} for each tag a reply showed (as {@link HealChildMember}
 * does) and {@code REFUSED what} for each failure (the name moving, its holder gone). Unlike
 * {@link HealChildMember} it calls by name, so it follows the name wherever it runs, this member included once it
 * is alone and its failover has started the server here.
 */
public final class ByNameChildMember {
    /** The time between two tags, as {@link HealChildMember}'s. */
    private static final Duration PACE = Duration.ofMillis(20);
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration NAME_WAIT = Duration.ofSeconds(60);

    private ByNameChildMember() {
    }

    public static void main(String[] args) {
        PeeperCluster member = PeeperCluster.start(ClusterOptions.named(args[0]).withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length)).withMinimumMembers(1));
        System.out.println("READY " + member.node());
        System.out.flush();
        String name = theOneServer(member);
        System.out.println("NAME " + name);
        System.out.flush();
        ServerRef byName = ServerRef.named(member.name(name));
        for (int i = 1; ; i++) {
            String tag = "c" + i;
            try {
                byName.cast(tag);
                if (byName.<Set<String>>call("get", CALL_TIMEOUT).contains(tag)) {
                    System.out.println("ACK " + tag + " " + System.currentTimeMillis());
                }
            } catch (RuntimeException e) {
                System.out.println("REFUSED " + e.getClass().getSimpleName());
            }
            System.out.flush();
            LockSupport.parkNanos(PACE.toNanos()); // a steady workload, not a wait for anything
        }
    }

    /** The name of the one server the cluster's failover keeps running, once another member has started it. */
    private static String theOneServer(PeeperCluster member) {
        var servers = member.hazelcast().<Object, ServerSpec>getMap(Failover.MAP);
        long deadline = System.nanoTime() + NAME_WAIT.toNanos();
        while (servers.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no server was started in the cluster within " + NAME_WAIT);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // another JVM starts it
        }
        return String.valueOf(servers.keySet().iterator().next());
    }
}
