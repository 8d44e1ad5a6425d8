package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.observe.ChildRestartedEvent;
import dev.peeper.observe.ProcessCrashedEvent;
import dev.peeper.observe.SupervisorGaveUpEvent;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts are never silent: every restart, every give-up and every crash is a JFR event carrying the supervisor,
 * the child's id and the reason. Read back from a recording dumped to a file.
 */
@Timeout(30)
class SupervisionEventsTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    @TempDir
    Path dir;

    private final Journal journal = new Journal();
    private Recording recording;
    /** What was recorded, read once the test is done acting. */
    private List<RecordedEvent> events;

    @BeforeEach
    void record() {
        recording = new Recording();
        recording.enable(ChildRestartedEvent.class);
        recording.enable(SupervisorGaveUpEvent.class);
        recording.enable(ProcessCrashedEvent.class);
        recording.start();
    }

    @AfterEach
    void closeRecording() {
        recording.close();
    }

    /**
     * The events of type {@code name} whose {@code field} is {@code value}; the first use stops the recording.
     * Other tests' processes may have recorded events too, hence the filter.
     */
    private List<RecordedEvent> recorded(String name, String field, Object value) throws Exception {
        if (events == null) {
            recording.stop(); // events are committed on the thread that emits them, before the test can see why
            Path file = dir.resolve("supervision.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }
        return events.stream()
                .filter(e -> e.getEventType().getName().equals(name))
                .filter(e -> String.valueOf(value).equals(e.getString(field)))
                .toList();
    }

    @Test
    void aRestartAndAGiveUpAreRecordedWithTheChildIdAndReason() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne().withIntensity(1, Duration.ofMinutes(1)),
                List.of(TestWorker.spec("cache", journal)));
        Pid first = journal.awaitStart("cache");

        Proc.exit(first, ExitReason.of("boom"));
        journal.awaitStop("cache");
        Pid second = journal.awaitStart("cache");
        ServerRef.of(second).cast(TestWorker.CRASH);
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());

        List<RecordedEvent> restarted = recorded("dev.peeper.ChildRestarted", "supervisor", sup.pid());
        assertThat(restarted).singleElement().satisfies(event -> {
            assertThat(event.getString("childId")).isEqualTo("cache");
            assertThat(event.getString("reason")).isEqualTo("boom");
            assertThat(event.getInt("restartsInWindow")).isEqualTo(1);
        });
        List<RecordedEvent> gaveUp = recorded("dev.peeper.SupervisorGaveUp", "supervisor", sup.pid());
        assertThat(gaveUp).singleElement().satisfies(event -> {
            assertThat(event.getString("childId")).isEqualTo("cache");
            assertThat(event.getString("reason")).contains("Boom", "worker cache crashes on request");
        });
    }

    @Test
    void aCrashIsRecordedWithTheProcessAndItsException() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("cache", journal)));
        Pid cache = journal.awaitStart("cache");

        ServerRef.of(cache).cast(TestWorker.CRASH);
        journal.awaitStop("cache");
        journal.awaitStart("cache");

        assertThat(recorded("dev.peeper.ProcessCrashed", "pid", cache)).singleElement()
                .satisfies(event -> assertThat(event.getString("exception"))
                        .isEqualTo(new TestWorker.Boom("worker cache crashes on request (on purpose)").toString()));
        List<RecordedEvent> restarted = recorded("dev.peeper.ChildRestarted", "supervisor", sup.pid());
        assertThat(restarted).singleElement().satisfies(event ->
                assertThat(event.getString("reason")).contains("worker cache crashes on request"));
    }

    @Test
    void aDynamicSupervisorRecordsItsRestartsAndGiveUpToo() throws Exception {
        DynamicSupervisorRef sup = supervisors.startDynamic(
                DynamicSupervisorOptions.defaults().withIntensity(1, Duration.ofMinutes(1)));
        Pid first = sup.startChild(TestWorker.spec("session", journal));
        journal.awaitStart("session");

        Proc.exit(first, ExitReason.of("boom"));
        journal.awaitStop("session");
        Proc.exit(journal.awaitStart("session"), ExitReason.of("boom again"));
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown());

        assertThat(recorded("dev.peeper.ChildRestarted", "supervisor", sup.pid())).singleElement()
                .satisfies(event -> assertThat(event.getString("reason")).isEqualTo("boom"));
        assertThat(recorded("dev.peeper.SupervisorGaveUp", "supervisor", sup.pid())).singleElement()
                .satisfies(event -> assertThat(event.getString("reason")).isEqualTo("boom again"));
    }
}
