package dev.peeper.cluster;

import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A member in a JVM of its own for the pause test: joins the cluster named by its first argument on the port of its
 * second, with the member list of the rest; once every member joined, starts, here, a synchronously replicated
 * counter under a name this member owns ({@link OwnedNames}); prints {@code READY}, then {@code NAME name}; then, for
 * ever, casts 1 to it and calls {@code get}, printing {@code ACK n} for each value a reply acknowledged and
 * {@code REFUSED reason} for each refusal, until the server is gone ({@code ENDED}).
 */
public final class PausedChildMember {
    private PausedChildMember() {
    }

    public static void main(String[] args) {
        PeeperCluster member = PeeperCluster.start(ClusterOptions.named(args[0]).withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args).subList(2, args.length)));
        String name = OwnedNames.owned(member, args.length - 2, "paused");
        Pid counter = member.failover().start(name, ClusterStarters.peeper(Counter::new, 0));
        System.out.println("READY " + member.node() + " " + counter);
        System.out.println("NAME " + name);
        System.out.flush();
        acknowledgeUntilGone(ServerRef.of(counter));
    }

    /**
     * Casts 1 to {@code ref} and calls {@code get}, for ever, printing {@code ACK n} for each value a reply
     * acknowledged and {@code REFUSED reason} for each refusal, until the server is gone ({@code ENDED}).
     */
    static void acknowledgeUntilGone(ServerRef ref) {
        acknowledgeUntilGone(i -> {
            ref.cast(1);
            return String.valueOf(ref.<Integer>call("get"));
        }, Duration.ZERO);
    }

    /**
     * Runs {@code step} with 1, 2, ..., {@code pace} apart, for ever, printing {@code ACK what} for each step that
     * answers what a reply acknowledged (a {@code null} answer prints nothing) and {@code REFUSED reason} for each
     * refusal, until the server is gone ({@code ENDED}).
     */
    static void acknowledgeUntilGone(IntFunction<String> step, Duration pace) {
        for (int i = 1; ; i++) {
            try {
                String acknowledged = step.apply(i);
                if (acknowledged != null) {
                    System.out.println("ACK " + acknowledged);
                }
            } catch (ServerExitException e) {
                if (e.getCause() == null) {
                    System.out.println("ENDED " + e.reason());
                    System.out.flush();
                    return;
                }
                System.out.println("REFUSED " + e.getCause());
            } catch (NoProcessException e) {
                System.out.println("ENDED " + e.getMessage());
                System.out.flush();
                return;
            } catch (RuntimeException e) {
                System.out.println("REFUSED " + e);
            }
            System.out.flush();
            if (!pace.isZero()) {
                LockSupport.parkNanos(pace.toNanos()); // a steady workload, not a wait for anything
            }
        }
    }
}
