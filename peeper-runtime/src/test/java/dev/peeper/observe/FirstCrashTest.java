package dev.peeper.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first crash in a fresh JVM pays no one-off set-up: it used to load the JFR event classes on the crashing
 * thread, 0.5-1.3 s before anyone heard of the crash. Each case runs {@link CrashOnce} in a JVM of its own.
 */
class FirstCrashTest {
    @TempDir
    Path dir;

    @Test
    void aCrashWithNoRecordingLoadsNoEventClass() throws Exception {
        String output = runFreshJvm(List.of("-Xlog:class+load=info"));

        assertThat(output).contains("crashed: java.lang.IllegalStateException");
        assertThat(output).as("the crash path loaded the JFR event class")
                .doesNotContain("dev.peeper.observe.ProcessCrashedEvent");
    }

    @Test
    void aCrashDuringARecordingIsStillRecorded() throws Exception {
        Path recording = dir.resolve("crash.jfr");
        String output = runFreshJvm(List.of("-XX:StartFlightRecording:filename=" + recording));

        assertThat(output).contains("crashed: java.lang.IllegalStateException");
        List<RecordedEvent> crashes = RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals("dev.peeper.ProcessCrashed"))
                .toList();
        assertThat(crashes).hasSize(1);
        assertThat(crashes.get(0).getString("exception")).contains("first crash");
    }

    /** Runs {@link CrashOnce} in a new JVM with {@code options}; returns what it printed. */
    private String runFreshJvm(List<String> options) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashOnce.class.getName());
        Path out = dir.resolve("out.txt");
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the fresh JVM finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(jvm.exitValue()).as(output).isZero();
        return output;
    }

    /** Crashes one process and prints how long its end took to be heard of. */
    public static final class CrashOnce {
        public static void main(String[] args) throws Exception {
            CountDownLatch go = new CountDownLatch(1);
            long[] thrownAt = new long[1];
            Pid pid = Proc.spawn(() -> {
                go.await();
                thrownAt[0] = System.nanoTime();
                throw new IllegalStateException("first crash (thrown on purpose by a test)");
            });
            var exited = Proc.whenExited(pid);
            go.countDown();
            ExitReason reason = exited.get(30, TimeUnit.SECONDS);
            System.out.println("crashed: " + reason.cause().getClass().getName() + " heard of after "
                    + (System.nanoTime() - thrownAt[0]) / 1000 + " us");
        }
    }
}
