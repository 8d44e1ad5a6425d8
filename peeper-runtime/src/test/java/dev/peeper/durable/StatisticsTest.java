package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Block;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.observe.WorkerRestartedEvent;
import dev.peeper.process.ExitReason;
import dev.peeper.server.ServerExitException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "restart loops hidden" row of the design table: restarts are counted and exposed with the last crash's
 * reason and time, alongside messages handled and the mailbox length, and each restart is a JFR event.
 */
class StatisticsTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    @TempDir
    Path dir;

    private final Probe probe = new Probe();

    private PeeperRef counter() {
        return peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
    }

    @Test
    void aFreshServerHasNoRestartsAndCountsTheMessagesItHandled() {
        PeeperRef c = counter();
        c.cast(new Add(1));
        c.cast(new Add(1));
        c.send("info");
        c.call(new Get());

        PeeperStatistics stats = c.statistics();

        assertThat(stats.restarts()).isZero();
        assertThat(stats.lastCrash()).isNull();
        assertThat(stats.lastCrashAt()).isNull();
        assertThat(stats.messagesHandled()).isEqualTo(4);
        assertThat(stats.mailboxLength()).isZero();
        assertThat(stats.worker()).isEqualTo(c.worker()).isEqualTo(Peepers.currentWorker(c));
    }

    @Test
    void aCrashIsCountedWithItsReasonAndTime() {
        PeeperRef c = counter();
        c.cast(new Add(1));
        c.call(new Get());
        Instant before = Instant.now();

        assertThatThrownBy(() -> c.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);
        c.call(new Get());
        Instant after = Instant.now();

        PeeperStatistics stats = c.statistics();
        assertThat(stats.restarts()).isEqualTo(1);
        assertThat(stats.lastCrash()).isInstanceOf(ExitReason.Crash.class);
        assertThat(stats.lastCrash().cause()).hasMessage("boom");
        assertThat(stats.lastCrashAt()).isBetween(before, after);
        assertThat(stats.messagesHandled()).as("2 before the crash, 1 after; the crashed one is not counted")
                .isEqualTo(3);
    }

    @Test
    void theLastCrashIsTheMostRecentOne() throws Exception {
        PeeperRef c = counter();
        assertThatThrownBy(() -> c.call(new Crash("first"))).isInstanceOf(ServerExitException.class);

        Peepers.kill(Peepers.currentWorker(c));
        c.call(new Get());

        assertThat(c.statistics().restarts()).isEqualTo(2);
        assertThat(c.statistics().lastCrash()).isEqualTo(ExitReason.killed());
    }

    @Test
    void theMailboxLengthCountsWhatWaitsBehindABusyWorker() throws Exception {
        PeeperRef c = counter();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> busy = c.callAsync(new Block(entered, release));
        Peepers.await(entered);

        c.cast(new Add(1));
        c.cast(new Add(1));
        c.send("info");

        assertThat(c.statistics().mailboxLength()).isEqualTo(3);
        release.countDown();
        Peepers.await(busy);
        c.call(new Get());
        assertThat(c.statistics().mailboxLength()).isZero();
        assertThat(c.statistics().messagesHandled()).isEqualTo(5);
    }

    @Test
    void eachRestartIsAJfrEvent() throws Exception {
        List<RecordedEvent> events;
        PeeperRef c;
        try (Recording recording = new Recording()) {
            recording.enable(WorkerRestartedEvent.class);
            recording.start();
            c = counter();

            assertThatThrownBy(() -> c.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);
            Peepers.kill(Peepers.currentWorker(c));
            c.call(new Get());

            recording.stop(); // the events were committed on the server's thread before it restarted the worker
            Path file = dir.resolve("restarts.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }

        // other tests' servers may have recorded restarts too
        List<RecordedEvent> ours = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.peeper.WorkerRestarted"))
                .filter(e -> e.getString("server").equals(c.pid().toString()))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime))
                .toList();
        assertThat(ours).hasSize(2);
        assertThat(ours.get(0).getString("reason")).contains("boom");
        assertThat(ours.get(0).getLong("restarts")).isEqualTo(1);
        assertThat(ours.get(1).getString("reason")).isEqualTo("killed");
        assertThat(ours.get(1).getLong("restarts")).isEqualTo(2);
    }
}
