package dev.peeper.cluster.faults;

import dev.peeper.cluster.PeeperCluster;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@link FaultMember} JVM seen from the test JVM: its control channel (standard input), its answers and its
 * history lines (standard output, read by a thread of its own that appends them to the {@link History}), its log
 * (standard error, to a file), and the signals the nemesis sends it.
 */
final class MemberJvm {
    final int slot;
    final String label;
    private final Process process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Writer commands;
    final Thread reader;
    private volatile long node;

    private MemberJvm(int slot, String label, Process process, History history) {
        this.slot = slot;
        this.label = label;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = Thread.ofPlatform().daemon().name("fault-reader-" + label).start(() -> read(history));
    }

    /** Starts a member JVM and returns at once; {@link #awaitReady} waits for it to join. */
    static MemberJvm start(int slot, String label, SuiteMode mode, String cluster, int port, List<String> members,
            File log, History history) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-") || arg.startsWith("-Dhazelcast")).toList());
        if (command.stream().noneMatch(arg -> arg.startsWith("--add-"))) {
            command.addAll(PeeperCluster.JVM_FLAGS);
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-D" + SuiteMode.PROPERTY + "=" + mode.name(),
                // a time on each line, to read a log beside the history; Peeper's cluster at INFO (heals, merges)
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.log.dev.peeper.cluster=info",
                "-cp", System.getProperty("java.class.path"), FaultMember.class.getName(),
                cluster, String.valueOf(port), label));
        command.addAll(members);
        Process process = new ProcessBuilder(command).redirectError(log).start();
        return new MemberJvm(slot, label, process, history);
    }

    private void read(History history) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("H ")) {
                    history.record(label, pid(), line);
                } else if (line.startsWith("READY ")) {
                    node = Long.parseLong(line.split(" ")[1]);
                    ready.complete(line);
                } else {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the JVM died: what it printed is all there is
        }
        ready.completeExceptionally(new AssertionError(label + " ended before it was ready"));
    }

    void awaitReady(Duration timeout) throws Exception {
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long pid() {
        return process.pid();
    }

    long node() {
        return node;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one command line. */
    void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    /** Sends {@code command} and returns its answer: the next line starting with {@code prefix}, within {@code timeout}. */
    String ask(String command, String prefix, Duration timeout) throws IOException, InterruptedException {
        send(command);
        return awaitAnswer(prefix, timeout);
    }

    /** The next answer starting with {@code prefix}, within {@code timeout}; other answers on the way are dropped. */
    String awaitAnswer(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError(label + " did not answer " + prefix + " within " + timeout);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}) and waits until {@code kill} is done. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid() + " failed");
        }
    }

    /**
     * SIGKILL, and waits (bounded) for the end. Sent with {@code kill}, not {@link Process#destroyForcibly}, which also
     * closes this JVM's end of the member's output: the lines it printed just before (the history's invoke of an update
     * it sent then) were dropped unread, and the checker found updates applied that no one had added (seen once in a
     * build). The reader reads on to the end of what the member printed.
     */
    void kill() throws InterruptedException {
        try {
            signal("KILL");
        } catch (IOException | AssertionError e) { // no kill(1) to run, or the JVM had ended already
            process.destroyForcibly();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * After {@code EXIT} was sent: waits until the member has left and its JVM has ended by itself, each within
     * {@code timeout}, and returns what went wrong (a non-daemon thread it left behind, a JVM that did not end or ended
     * with a failure code); empty if nothing did.
     */
    List<String> awaitLeft(Duration timeout) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        for (String said = awaitAnswer("", timeout); !said.equals("EXITED"); said = awaitAnswer("", timeout)) {
            if (said.startsWith("THREAD ")) {
                problems.add(this + " left a non-daemon thread behind: " + said.substring(7));
            }
        }
        Integer exit = awaitExit(timeout);
        if (exit == null || exit != 0) {
            problems.add(this + " did not end by itself after it left (exit " + exit + ")");
        }
        return problems;
    }

    /** Waits up to {@code timeout} for the JVM to end on its own; its exit code, or {@code null} if it did not end. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    @Override
    public String toString() {
        return label + "(pid " + pid() + ")";
    }
}
