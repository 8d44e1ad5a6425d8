package dev.peeper.cluster;

import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * A member in a JVM of its own for the heal test: joins the cluster named by its first argument on the port of its
 * second, with the member list of the rest, with a minimum of one member (no majority: it serves on alone); once
 * the two members' partitions settled, starts, here, an asynchronously replicated {@link TagSet} under a name this
 * member owns; prints {@code READY}, then {@code NAME name}; then casts {@code a1},
 * {@code a2}, ... and calls {@code get} after each, printing {@code ACK tag millis} for each tag a reply showed (with
 * the wall-clock time the reply came: the children of a test share one machine's clock) and {@code REFUSED reason}
 * for each refusal, until its server is gone ({@code ENDED}).
 */
public final class HealChildMember {
    /** The time between two tags: some dozens a second, so that the set stays small. */
    private static final Duration PACE = Duration.ofMillis(20);
    /** How its server keeps its state: asynchronously, so that a side alone acknowledges (no majority). */
    private static final Replication REPLICATION = Replication.asynchronous(100, Duration.ofSeconds(1));

    private HealChildMember() {
    }

    public static void main(String[] args) {
        PeeperCluster member = PeeperCluster.start(ClusterOptions.named(args[0]).withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length)).withMinimumMembers(1));
        String name = OwnedNames.owned(member, args.length - 2, "tags");
        Pid tags = member.failover().start(name, ClusterStarters.peeper(TagSet::new, null,
                REPLICATION, null));
        System.out.println("READY " + member.node() + " " + tags);
        System.out.println("NAME " + name);
        System.out.flush();
        ServerRef ref = ServerRef.of(tags);
        PausedChildMember.acknowledgeUntilGone(i -> {
            String tag = "a" + i;
            ref.cast(tag);
            return ref.<Set<String>>call("get").contains(tag) ? tag + " " + System.currentTimeMillis() : null;
        }, PACE);
    }
}
