package dev.peeper.samples.cluster;

import dev.peeper.cluster.PeeperCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
    /** The bound of every wait for a member's answer: far above what a step needs, on a loaded machine too. */
    static final Duration STEP = Duration.ofSeconds(60);
    private static final int MEMBERS = 3;

    private final PrintStream out;
    private final List<Member> members = new ArrayList<>();

    private ClusterDemo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; exits 0 if the counter kept its count, 1 (with the reason) if not. */
    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /** Runs the demo, printing to {@code out}; answers the exit code. */
    static int run(PrintStream out) {
        ClusterDemo demo = new ClusterDemo(out);
        boolean succeeded = false;
        try {
            demo.story();
            succeeded = true;
        } catch (IOException | RuntimeException e) {
            out.println();
            out.println("The demo FAILED: " + e.getMessage());
        } finally {
            demo.members.forEach(Member::kill);
        }
        if (succeeded) {
            demo.members.forEach(Member::deleteLog); // kept when the demo fails: the message names them
        }
        return succeeded ? 0 : 1;
    }

    private void story() throws IOException {
        say("Peeper for Java: a counter keeps its count while the member that runs it is killed.");
        say("");
        String cluster = "peeper-demo-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> ports = freePorts();
        say("1. Three members, each a JVM of its own, join cluster " + cluster + " on 127.0.0.1:");
        for (int i = 0; i < MEMBERS; i++) {
            members.add(Member.start(i + 1, cluster, ports));
        }
        for (Member member : members) {
            member.node = member.ask("", "ready").split(" ")[1];
            say("   member " + member.number + ": port " + ports.get(member.number - 1) + ", process "
                    + member.process.pid());
        }

        Member first = members.get(0);
        say("2. Member 1 starts the counter \"" + ClusterMember.COUNTER + "\" on the member that owns the name:");
        Member home = memberOfNode(lastWord(first.ask("start", "started")));
        say("   it runs on member " + home.number);

        Member caller = members.stream().filter(m -> m != home).reduce((a, b) -> b).orElseThrow();
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
        Member newHome = memberOfNode(answer.split(" ")[3]);
        int after = countOf(answer);
        say("   count " + after + ", from the counter now on member " + newHome.number + ", " + tookMillis
                + " ms after the kill   <- nothing lost");
        expect(before, after);
        caller.ask("add 1", "added");
        say("   add 1, get: " + countOf(caller.ask("get", "count")));
        say("");
        say("Done: the counter kept its count through the death of its member. The members are stopped now.");
    }

    private Member memberOfNode(String node) {
        return members.stream().filter(m -> node.equals(m.node)).findFirst()
                .orElseThrow(() -> new DemoFailed("no member has node " + node));
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

    private static List<Integer> freePorts() throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** A step of the demo did not go as it should; the message says which and what was seen. */
    static final class DemoFailed extends RuntimeException {
        DemoFailed(String message) {
            super(message);
        }
    }

    /** A member JVM: its commands go to its standard input, its answers come from its standard output. */
    private static final class Member {
        private static final String ENDED = "\u0000ended";
        final int number;
        final Process process;
        final Path log;
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        String node;

        private Member(int number, Process process, Path log) {
            this.number = number;
            this.process = process;
            this.log = log;
            Thread.ofVirtual().name("member-" + number + "-answers").start(this::readAnswers);
        }

        static Member start(int number, String cluster, List<Integer> ports) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(PeeperCluster.JVM_FLAGS); // what Hazelcast asks the JVM for
            command.addAll(List.of("-Dhazelcast.logging.type=slf4j", "-Dorg.slf4j.simpleLogger.logFile=System.err",
                    "-cp", System.getProperty("java.class.path"), ClusterMember.class.getName(), cluster,
                    String.valueOf(ports.get(number - 1))));
            ports.forEach(port -> command.add("127.0.0.1:" + port));
            Path log = Files.createTempFile("peeper-cluster-demo-member-" + number + "-", ".log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            return new Member(number, process, log);
        }

        /** Sends {@code command} (none if empty) and waits for an answer starting with {@code expected}. */
        String ask(String command, String expected) {
            if (!command.isEmpty()) {
                try {
                    process.outputWriter(StandardCharsets.UTF_8).append(command).append('\n').flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("member " + number + " no longer takes commands; its log: "
                            + log, e);
                }
            }
            String answer;
            try {
                answer = answers.poll(STEP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailed("interrupted while waiting for member " + number);
            }
            if (answer == null || answer.equals(ENDED) || !answer.startsWith(expected)) {
                String seen = answer == null ? "no answer within " + STEP
                        : answer.equals(ENDED) ? "its JVM ended" : "it answered \"" + answer + "\"";
                throw new DemoFailed("member " + number + " was asked \"" + (command.isEmpty() ? "to join" : command)
                        + "\": " + seen + ". Its log: " + log);
            }
            return answer;
        }

        private void readAnswers() {
            try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    answers.add(line);
                }
            } catch (IOException e) {
                // the JVM was killed: its stream ends
            }
            answers.add(ENDED);
        }

        void deleteLog() {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file: the system cleans it up in the end
            }
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
