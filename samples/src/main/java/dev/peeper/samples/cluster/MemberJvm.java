package dev.peeper.samples.cluster;

import dev.peeper.cluster.PeeperCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A member JVM of a cluster demo: its commands go to its standard input, its answers come from its standard output,
 * one a line, and its log goes to a temporary file. A line it prints on its own, not as an answer (a server of it
 * stopped, say), starts with {@value #NEWS} and goes to the news queue its {@link MemberJvms} shares among its
 * members. The member's side of this is {@link MemberConsole}.
 */
final class MemberJvm {
    /** What a line a member prints on its own starts with. */
    static final String NEWS = "* ";
    /** The bound of every wait for a member's answer: far above what a step needs, on a loaded machine too. */
    static final Duration STEP = Duration.ofSeconds(60);
    private static final String ENDED = "\u0000ended";

    final int number;
    final int port;
    final Process process;
    private final Path log;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<News> news;
    /** The member's node number, from its {@code ready} line. */
    String node;

    /** Something a member printed on its own: {@code text} without the {@value #NEWS} in front. */
    record News(MemberJvm from, String text) {
    }

    private MemberJvm(int number, int port, Process process, Path log, BlockingQueue<News> news) {
        this.number = number;
        this.port = port;
        this.process = process;
        this.log = log;
        this.news = news;
        Thread.ofVirtual().name("member-" + number + "-answers").start(this::readAnswers);
    }

    /**
     * Starts member {@code number} (from 1) of {@code cluster}: {@code main} in a JVM of its own, with this JVM's
     * class path and the flags Hazelcast asks for, and the arguments {@code CLUSTER PORT 127.0.0.1:PORT...} (its own
     * port, then every member's); its log goes to a temporary file named after {@code demo}.
     */
    static MemberJvm start(int number, String demo, Class<?> main, String cluster, List<Integer> ports,
                           BlockingQueue<News> news) throws IOException {
        int port = ports.get(number - 1);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(PeeperCluster.JVM_FLAGS); // what Hazelcast asks the JVM for
        // the member's log is a file the demo shows only if it fails: Peeper's cluster logs at INFO there, to say why,
        // with the time of day, to line the members' logs up
        command.addAll(List.of("-Dhazelcast.logging.type=slf4j", "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-Dorg.slf4j.simpleLogger.log.dev.peeper.cluster=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", System.getProperty("java.class.path"), main.getName(), cluster, String.valueOf(port)));
        ports.forEach(each -> command.add("127.0.0.1:" + each));
        Path log = Files.createTempFile("peeper-" + demo + "-member-" + number + "-", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new MemberJvm(number, port, process, log, news);
    }

    /** Waits until the member joined (it answers {@code ready NODE}), and keeps its node number. */
    void awaitReady() {
        node = ask("", "ready").split(" ")[1];
    }

    /** Sends {@code command} (none if empty) and waits for an answer starting with {@code expected}. */
    String ask(String command, String expected) {
        if (!command.isEmpty()) {
            try {
                process.outputWriter(StandardCharsets.UTF_8).append(command).append('\n').flush();
            } catch (IOException e) {
                throw new UncheckedIOException("member " + number + " no longer takes commands; its log: " + log, e);
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
                if (line.startsWith(NEWS)) {
                    news.add(new News(this, line.substring(NEWS.length())));
                } else {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the JVM was killed: its stream ends
        }
        answers.add(ENDED);
    }

    /**
     * Sends the member's JVM {@code signal} ({@code STOP} freezes it, {@code CONT} resumes it) with the system's
     * {@code kill} command, which Linux and macOS have, and Windows has not.
     */
    void signal(String signal) {
        send(signal, process.pid());
    }

    /** Fails, saying why, unless this system can send a JVM a signal ({@link #signal}). */
    static void requireSignals() {
        send("0", ProcessHandle.current().pid()); // signal 0: only checks that it could be sent
    }

    private static void send(String signal, long pid) {
        int exit;
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
            exit = kill.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS) ? kill.exitValue() : -1;
        } catch (IOException e) {
            throw new DemoFailed("could not run \"kill -" + signal + "\" (" + e.getMessage() + "): this demo sends "
                    + "signals to JVMs, which takes a Unix kill command (Linux, macOS)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailed("interrupted while sending " + signal + " to process " + pid);
        }
        if (exit != 0) {
            throw new DemoFailed("\"kill -" + signal + " " + pid + "\" failed (exit " + exit + ")");
        }
    }

    /** Ends the JVM at once (SIGKILL: no goodbye) and waits, bounded, until it has ended. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The last {@code count} lines of the member's log, stack frames left out (the lines before say what failed),
     * after a line naming the file; what went wrong if it cannot be read.
     */
    List<String> logTail(int count) {
        List<String> tail = new ArrayList<>();
        tail.add("member " + number + "'s log, " + log + ", ends:");
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> kept = lines.filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t..."))
                    .toList();
            tail.addAll(kept.subList(Math.max(0, kept.size() - count), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            tail.add("(not readable: " + e + ")");
        }
        return tail;
    }

    void deleteLog() {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file: the system cleans it up in the end
        }
    }
}
