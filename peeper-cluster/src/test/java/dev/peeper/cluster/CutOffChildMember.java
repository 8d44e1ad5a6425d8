package dev.peeper.cluster;

import dev.peeper.durable.StateListener;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.util.Arrays;

/**
 * A member in a JVM of its own for the cut-off test: joins the cluster named by its first argument on the port of
 * its second, with the member list of the rest; once every member joined, starts, here, a synchronously replicated
 * counter under a name it owns ({@link OwnedNames}), whose listener prints {@code TERMINATED reason} when it ends;
 * prints {@code READY}, then {@code NAME name}; then casts 1 and calls {@code get} in a loop, printing
 * {@code ACK n} for each acknowledged value and {@code REFUSED reason} for each refusal, until the server is gone
 * ({@code ENDED}). The member stays in the cluster afterwards, until killed.
 */
public final class CutOffChildMember {
    private CutOffChildMember() {
    }

    public static void main(String[] args) {
        PeeperCluster member = PeeperCluster.start(ClusterOptions.named(args[0]).withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length)));
        String name = OwnedNames.owned(member, args.length - 2, "cut");
        Pid counter = member.failover().start(name, ClusterStarters.peeper(Counter::new, 0,
                options -> options.withListener(new PrintsTermination())));
        System.out.println("READY " + member.node() + " " + counter);
        System.out.println("NAME " + name);
        System.out.flush();
        PausedChildMember.acknowledgeUntilGone(ServerRef.of(counter));
    }

    /** Prints the reason its server ended with: what {@code terminate} was told. */
    private static final class PrintsTermination implements StateListener<Object> {
        @Override
        public void onTerminate(ExitReason reason, Object lastState) {
            System.out.println("TERMINATED " + reason + " with " + lastState);
            System.out.flush();
        }
    }
}
