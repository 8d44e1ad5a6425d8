package dev.peeper.samples.cluster;

import dev.peeper.cluster.ClusterStarters;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.Replication;
import dev.peeper.process.Pid;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One member of the {@linkplain HealDemo heal demo}, in a JVM of its own: joins a cluster that expects no majority
 * (a minimum of one member: each side of a split serves on alone), then does what the demo asks on its standard
 * input and answers on its standard output ({@link MemberConsole}). All the Peeper code of the demo is here and in
 * {@link Guestbook}; {@link HealDemo} only starts, drives, freezes and resumes these JVMs.
 *
 * <pre>
 * java ... GuestbookMember CLUSTER_NAME PORT MEMBER_ADDRESS...
 *   start         starts the guestbook on the member owning its name  answers "started PID on NODE"
 *   sign NAME     signs it, asked until it answers                   answers "signed on NODE after MILLIS ms: NAMES"
 *   read          reads it, asked until it answers                   answers "book on NODE after MILLIS ms: NAMES"
 *   await NAME... reads it until every NAME signed it                answers "book on NODE after MILLIS ms: NAMES"
 *   alone         waits until this member sees no other member       answers "alone after MILLIS ms"
 * </pre>
 *
 * When the guestbook's worker ends here, its {@code terminate} says why, on a line of news ({@link MemberJvm#NEWS}).
 */
public final class GuestbookMember {
    /** The guestbook's cluster-wide name. */
    static final String GUESTBOOK = "guestbook";
    /**
     * How long {@code await} may take: a heal takes the engine's next merge check (every 5 s) after the members see
     * each other again, and the merge itself, seconds; this leaves room for a loaded machine.
     */
    static final Duration HEAL_PATIENCE = Duration.ofSeconds(45);
    /**
     * Replication at most 100 signatures or a second behind. With 50 ms, a loaded machine (two shared cores) once
     * took longer than that bound plus the backup timeout for the guestbook's first write, which the keeper then
     * refused ({@code NotReplicatedException}), and the start failed; a second leaves room.
     */
    private static final Replication REPLICATION = Replication.asynchronous(100, Duration.ofSeconds(1));
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);

    private GuestbookMember() {
    }

    /** Joins the cluster named by the first argument on the port of the second, with the rest as member list. */
    public static void main(String[] args) throws Exception {
        PeeperCluster cluster = MemberConsole.join(args, options -> options.withMinimumMembers(1));
        GuestbookClient book = GuestbookClient.named(cluster.name(GUESTBOOK));
        MemberConsole.serve(cluster, words -> switch (words[0]) {
            case "start" -> {
                // asynchronous replication acknowledges a signature before its backup has it, so a member alone
                // still serves (synchronous replication would refuse without a backup): availability first, and
                // resolveConflict merges what the two sides signed meanwhile
                Pid pid = cluster.startOnOwner(GUESTBOOK, ClusterStarters.peeper(Guestbook_Dispatcher::new, null,
                        REPLICATION, null), MemberConsole.PATIENCE);
                yield "started " + pid + " on " + cluster.nodeOf(pid);
            }
            case "sign" -> answered("signed", cluster, () -> book.sign(words[1], CALL_TIMEOUT));
            case "read" -> answered("book", cluster, () -> book.read(CALL_TIMEOUT));
            case "await" -> awaitSigned(cluster, book, Arrays.asList(words).subList(1, words.length));
            case "alone" -> awaitAlone(cluster);
            default -> "unknown command " + String.join(" ", words);
        });
    }

    /** {@code call}'s answer, asked until the guestbook answers: a failover may be under way. */
    private static String answered(String what, PeeperCluster cluster, Supplier<Guestbook.Signatures> call) {
        long start = System.nanoTime();
        Guestbook.Signatures signatures = MemberConsole.untilAnswered(call);
        return what + " on " + holder(cluster) + " after " + MemberConsole.millisSince(start) + " ms: " + signatures;
    }

    /** Reads the book until every one of {@code signers} is in it, for up to {@link #HEAL_PATIENCE}. */
    private static String awaitSigned(PeeperCluster cluster, GuestbookClient book, List<String> signers) {
        long start = System.nanoTime();
        Guestbook.Signatures seen = Guestbook.Signatures.NONE;
        while (System.nanoTime() - start - HEAL_PATIENCE.toNanos() < 0) {
            seen = MemberConsole.untilAnswered(() -> book.read(CALL_TIMEOUT));
            if (seen.containsAll(signers)) {
                return "book on " + holder(cluster) + " after " + MemberConsole.millisSince(start) + " ms: " + seen;
            }
            MemberConsole.pause();
        }
        return "incomplete after " + HEAL_PATIENCE + ": " + seen;
    }

    /**
     * Waits, up to {@link MemberConsole#PATIENCE}, until this member has removed every other one: a member that froze
     * is removed once it has been silent for {@code maxNoHeartbeat} (5 s by default).
     */
    private static String awaitAlone(PeeperCluster cluster) {
        long start = System.nanoTime();
        while (cluster.nodes().size() > 1) {
            if (System.nanoTime() - start - MemberConsole.PATIENCE.toNanos() > 0) {
                return "not alone after " + MemberConsole.PATIENCE + ": members " + cluster.nodes();
            }
            MemberConsole.pause();
        }
        return "alone after " + MemberConsole.millisSince(start) + " ms";
    }

    /** The node of the guestbook's holder, as this member sees it now. */
    private static String holder(PeeperCluster cluster) {
        Pid where = cluster.names().whereis(GUESTBOOK);
        return where == null ? "?" : String.valueOf(cluster.nodeOf(where));
    }
}
