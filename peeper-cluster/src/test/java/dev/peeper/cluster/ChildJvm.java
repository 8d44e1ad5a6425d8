package dev.peeper.cluster;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A member in a JVM of its own, for crash and pause tests: started with this JVM's flags and class path, ready once
 * it prints {@code READY}; every line it prints afterwards is kept for the test to read, in order. Every line it
 * prints also goes to its {@link #log() log file}, with the time this JVM read it: a test reads only the lines it
 * looks for, and a failure that is seen once is explained by the rest.
 */
final class ChildJvm implements AutoCloseable {
    /**
     * How long a child JVM may take to start and join: a cold JVM loading Hazelcast takes seconds on an idle machine
     * and more than {@link TestCluster#TIMEOUT} on a loaded one (seen: the build sharing two cores with other work).
     */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** What the line that names the child's server starts with: {@link #nextName}. */
    private static final String NAME = "NAME ";
    /** The time each line of the log file starts with: the time of day the member logs of the fault suite show. */
    private static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> early = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code main} with {@code args} and waits until it prints {@code READY}; everything it prints goes to
     * {@code log} too (replaced if it exists).
     */
    static ChildJvm start(Class<?> main, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // the same flags as this JVM (Hazelcast's --add-opens among them)
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-") || arg.startsWith("-Dhazelcast")).toList());
        // the test run's log levels for Peeper (e.g. -Dorg.slf4j.simpleLogger.log.dev.peeper.cluster=info)
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("org.slf4j.simpleLogger"))
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Files.createDirectories(log.getParent());
        BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        writer.write("# " + String.join(" ", command) + "\n");
        ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), log);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> child.read(ready, writer));
        try {
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            child.process.destroyForcibly();
            throw new AssertionError("the child member did not start within " + START_TIMEOUT + "; it printed:\n"
                    + String.join("\n", child.early) + "\n(all of it: " + log.toAbsolutePath() + ")", e);
        }
        return child;
    }

    /** The file everything the child printed goes to, each line after the time this JVM read it. */
    Path log() {
        return log;
    }

    private void read(CompletableFuture<String> ready, BufferedWriter writer) {
        try (writer; BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(LocalTime.now().format(READ_AT) + " " + line + "\n");
                writer.flush(); // a test that fails reads the file while the child still runs
                if (line.startsWith("READY")) {
                    ready.complete(line);
                } else if (ready.isDone()) {
                    lines.add(line);
                } else if (early.size() < 200) {
                    early.add(line); // for the failure message, if it never gets ready
                }
            }
            ready.completeExceptionally(new AssertionError("the child member ended before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** The next line it printed after {@code READY}, waiting up to {@link TestCluster#TIMEOUT}. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(TestCluster.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("the child printed nothing more within " + TestCluster.TIMEOUT);
        }
        return line;
    }

    /** The next line it printed that starts with {@code prefix}, skipping others (its log lines among them). */
    String nextLineStartingWith(String prefix) throws InterruptedException {
        while (true) {
            String line = nextLine();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * The name of the server the child runs, from the line {@code NAME <name>} it prints once that server is started
     * (as {@link CutOffChildMember}, {@link HealChildMember} and {@link PausedChildMember} do).
     */
    String nextName() throws InterruptedException {
        return nextLineStartingWith(NAME).substring(NAME.length());
    }

    /** The next line it printed after {@code READY} if there is one already, else {@code null}. */
    String pollLine() {
        return lines.poll();
    }

    /** Sends {@code signal} (e.g. {@code STOP}, {@code CONT}) to the child, and waits until {@code kill} is done. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, and waits for the end. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
