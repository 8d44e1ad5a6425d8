package dev.peeper.samples.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The README's cluster demo: three members, each a JVM of its own on 127.0.0.1; a counter started on the member
 * that owns its name; updates from another member; then the JVM running the counter killed (SIGKILL), and the
 * count asked again from a survivor, where the counter runs again with every acknowledged update. What the members
 * do is in {@link ClusterMember}; this class starts them, tells them what to do, and kills one.
 *
 * <p>Every wait is bounded, every member JVM is killed at the end whatever happens, and the exit code is 0 only if
 * the count survived.
 */
public final class ClusterDemo {
    private static final int MEMBERS = 3;

    private final PrintStream out;

    private ClusterDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; exits 0 if the counter kept its count, 1 (with the reason) if not. */
    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /** Runs the demo, printing to {@code out}; answers the exit code. */
    static int run(PrintStream out) {
        return MemberJvms.run(out, "demo", ClusterMember.class, new ClusterDemo(out)::story);
    }

    private void story(MemberJvms jvms) throws IOException {
        say("Peeper for Java: a counter keeps its count while the member that runs it is killed.");
        say("");
        say("1. Three members, each a JVM of its own, join cluster " + jvms.cluster + " on 127.0.0.1:");
        List<MemberJvm> members = jvms.start(MEMBERS);
        for (MemberJvm member : members) {
            say("   member " + member.number + ": port " + member.port + ", process " + member.process.pid());
        }

        MemberJvm first = members.get(0);
        say("2. Member 1 starts the counter \"" + ClusterMember.COUNTER + "\" on the member that owns the name:");
        MemberJvm home = jvms.ofNode(lastWord(first.ask("start", "started")));
        say("   it runs on member " + home.number);

        MemberJvm caller = members.stream().filter(m -> m != home).reduce((a, b) -> b).orElseThrow();
        say("3. Member " + caller.number + " adds 10 three times (casts), then asks for the count (a call):");
        for (int i = 0; i < 3; i++) {
            caller.ask("add 10", "added");
        }
        int before = countOf(caller.ask("get", "count"));
        say("   count " + before + "   (the count was on a backup member before the call's reply was released)");
        expect(30, before);

        say("4. Kill member " + home.number + ", the JVM running the counter (SIGKILL: no goodbye).");
        long killed = System.nanoTime();
        home.kill();

        say("5. Member " + caller.number + " asks again:");
        String answer = caller.ask("get", "count");
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        MemberJvm newHome = jvms.ofNode(answer.split(" ")[3]);
        int after = countOf(answer);
        say("   count " + after + ", from the counter now on member " + newHome.number + ", " + tookMillis
                + " ms after the kill   <- nothing lost");
        expect(before, after);
        caller.ask("add 1", "added");
        say("   add 1, get: " + countOf(caller.ask("get", "count")));
        say("");
        say("Done: the counter kept its count through the death of its member. The members are stopped now.");
    }

    private static int countOf(String answer) {
        return Integer.parseInt(answer.split(" ")[1]); // "count C on NODE after MILLIS ms"
    }

    private static String lastWord(String line) {
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    private static void expect(int expected, int actual) {
        if (expected != actual) {
            throw new DemoFailed("the count is " + actual + ", expected " + expected);
        }
    }

    private void say(String line) {
        out.println(line);
    }
}
