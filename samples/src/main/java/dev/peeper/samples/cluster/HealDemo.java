package dev.peeper.samples.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A heal without a majority: two members, each a JVM of its own, both configured with a minimum of one member (so
 * each side of a split serves on alone); a {@link Guestbook} signed from both; then the JVM running it frozen with
 * SIGSTOP (as a long GC pause or a stopped VM would), the other member taking the guestbook over and signing on,
 * the frozen one resumed with SIGCONT and signing on alone too; and at last the heal, after which the cluster keeps
 * one guestbook, whose {@code resolveConflict} merged the other side's signatures, while the other one stops, told
 * why. What the members do is in {@link GuestbookMember}; this class starts them, tells them what to do, and
 * freezes and resumes one.
 *
 * <p>Run it with
 * {@code mvn -B -q -DskipTests -pl samples -am package exec:exec -Ddemo.mainClass=dev.peeper.samples.cluster.HealDemo}.
 * Freezing a JVM takes a Unix {@code kill} command (Linux, macOS): elsewhere the demo says so and fails. Every wait
 * is bounded, every member JVM is killed at the end whatever happens, and the exit code is 0 only if the merged
 * book holds every signature either side acknowledged.
 */
public final class HealDemo {
    private final PrintStream out;
    /** Every signature whose signing a member acknowledged. */
    private final Set<String> acknowledged = new TreeSet<>();

    private HealDemo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo on standard output; exits 0 if every acknowledged signature is in the merged book, 1 (with the
     * reason) if not.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /** Runs the demo, printing to {@code out}; answers the exit code. */
    static int run(PrintStream out) {
        return MemberJvms.run(out, "heal-demo", GuestbookMember.class, new HealDemo(out)::story);
    }

    private void story(MemberJvms jvms) throws IOException {
        MemberJvm.requireSignals(); // before any member starts: this demo cannot run without them
        say("Peeper for Java: both sides of a split sign a guestbook; the heal merges what they signed.");
        say("");
        say("1. Two members, each a JVM of its own, join cluster " + jvms.cluster + " on 127.0.0.1,");
        say("   each with a minimum of one member: with two there is no majority, and each side of a split serves on "
                + "alone.");
        List<MemberJvm> members = jvms.start(2);
        for (MemberJvm member : members) {
            say("   member " + member.number + ": port " + member.port + ", process " + member.process.pid());
        }

        say("2. Member 1 starts the guestbook on the member that owns its name (replicated asynchronously):");
        String started = members.get(0).ask("start", "started");
        MemberJvm home = jvms.ofNode(started.substring(started.lastIndexOf(' ') + 1));
        MemberJvm other = members.get(home == members.get(0) ? 1 : 0);
        say("   it runs on member " + home.number);

        say("3. Both members sign:");
        sign(members.get(0), "Ada");
        sign(members.get(1), "Grace");

        say("4. Freeze member " + home.number + ", the JVM running the guestbook (kill -STOP: a long GC pause, "
                + "a stopped VM).");
        home.signal("STOP");
        long frozen = System.nanoTime();

        say("5. Member " + other.number + " removes the silent member once it has not heard from it for 5 s:");
        other.ask("alone", "alone");
        say("   alone, " + MemberConsole.millisSince(frozen) + " ms after the freeze. It signs; the guestbook starts "
                + "again there, from its copy of the state:");
        String taken = sign(other, "Edsger");
        say("      (answered by the guestbook on member " + jvms.ofNode(wordOf(taken, 2)).number + ")");
        sign(other, "Barbara");

        say("6. Resume member " + home.number + " (kill -CONT): it comes back alone, its guestbook still running "
                + "there, and signs on");
        say("   before the two members find each other again:");
        home.signal("CONT");
        sign(home, "Alan");
        sign(home, "Margaret");

        say("7. The members find each other again: the cluster keeps one guestbook, whose resolveConflict merges the");
        say("   other side's signatures (a union), and the other guestbook stops. Member " + other.number
                + " reads until the book has every signature:");
        String merged = other.ask("await " + String.join(" ", acknowledged), "book");
        MemberJvm kept = jvms.ofNode(wordOf(merged, 2));
        say("   " + String.join(" ", signaturesOf(merged)) + "   (" + wordOf(merged, 4)
                + " ms later, from the guestbook on member " + kept.number + ")");
        awaitStop(jvms);
        String again = home.ask("read", "book");
        List<String> read = signaturesOf(again);
        say("   member " + home.number + " reads: " + String.join(" ", read) + "   (from the guestbook on member "
                + jvms.ofNode(wordOf(again, 2)).number + ")");
        if (!read.containsAll(acknowledged) || jvms.ofNode(wordOf(again, 2)) != kept) {
            throw new DemoFailed("member " + home.number + " read " + again + ", expected every one of "
                    + acknowledged + " from the guestbook on member " + kept.number);
        }
        say("");
        say("Done: the merged guestbook holds all " + acknowledged.size() + " signatures both sides acknowledged. "
                + "The members are stopped now.");
    }

    /**
     * Waits until a guestbook says it stopped because the heal kept the other one, printing what each member says
     * meanwhile.
     */
    private void awaitStop(MemberJvms jvms) {
        long deadline = System.nanoTime() + MemberJvm.STEP.toNanos();
        while (true) {
            MemberJvm.News news = jvms.nextNews(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            say("   member " + news.from().number + " says: " + news.text());
            if (news.text().contains("SplitHealedException") || news.text().contains("FencedException")) {
                return;
            }
            if (news.text().contains("NotReplicatedException")) {
                // a paused member that resumes may not acknowledge until it knows where it stands (README: Pauses)
                say("     (it refused to acknowledge while its member caught up after the pause; Peeper restarts "
                        + "the worker from the kept state)");
            }
        }
    }

    /** Has {@code member} sign as {@code name}; answers its answer, once it showed the signature in the book. */
    private String sign(MemberJvm member, String name) {
        String answer = member.ask("sign " + name, "signed");
        List<String> book = signaturesOf(answer);
        if (!book.contains(name)) {
            throw new DemoFailed("member " + member.number + " signed as " + name + " and got a book without it: "
                    + answer);
        }
        acknowledged.add(name);
        say("   member " + member.number + " signs \"" + name + "\": " + String.join(" ", book));
        return answer;
    }

    /** The names after the colon of an answer {@code "... on NODE after MILLIS ms: NAME..."}. */
    private static List<String> signaturesOf(String answer) {
        String names = answer.substring(answer.indexOf(": ") + 2).trim();
        return names.isEmpty() ? List.of() : Arrays.asList(names.split(" "));
    }

    private static String wordOf(String answer, int index) {
        return answer.split(" ")[index];
    }

    private void say(String line) {
        out.println(line);
    }
}
