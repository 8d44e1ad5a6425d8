package dev.peeper.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link TestWorker}s write down that they started (from {@code init}) and that they stopped (from
 * {@code terminate}), shared by all the workers of a test. A test waits for the next entry with a bounded wait,
 * so it learns of a restart the moment it happens and never sleeps; and it reads the whole history to check the
 * order in which a supervisor started and stopped its children.
 *
 * <pre>{@code
 * ServerRef.of(b).cast(TestWorker.CRASH);
 * assertThat(journal.awaitStop("b")).isInstanceOf(ExitReason.Crash.class);
 * Pid newB = journal.awaitStart("b");
 * assertThat(journal.history()).containsExactly("start a", "start b", "stop b crash", "start b");
 * }</pre>
 */
final class Journal {
    /** The bound on every wait in the supervisor tests: generous, since a passing test never waits for it. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One line of the journal. {@code reason} is {@code null} for a start. */
    record Entry(boolean start, Object id, Pid pid, ExitReason reason) {
        @Override
        public String toString() {
            // crash reasons carry an exception whose text is noise here: "crash" is what the order tests care about
            return start ? "start " + id
                    : "stop " + id + " " + (reason instanceof ExitReason.Crash ? "crash" : reason.toString());
        }
    }

    /** Everything, in the order it happened: for order checks. */
    private final ConcurrentLinkedQueue<Entry> history = new ConcurrentLinkedQueue<>();
    /** What the test has not read yet: for waiting. */
    private final BlockingQueue<Entry> unread = new LinkedBlockingQueue<>();

    void started(Object id, Pid pid) {
        add(new Entry(true, id, pid, null));
    }

    void stopped(Object id, Pid pid, ExitReason reason) {
        add(new Entry(false, id, pid, reason));
    }

    private void add(Entry entry) {
        history.add(entry);
        unread.add(entry);
    }

    /** The next unread entry, waiting up to {@link #TIMEOUT}; fails the test if none comes. */
    Entry next() throws InterruptedException {
        Entry entry = unread.poll(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        if (entry == null) {
            fail("no worker started or stopped within " + TIMEOUT + "; so far: " + history());
        }
        return entry;
    }

    /** Waits for the next entry, which must be the start of child {@code id}, and returns the new pid. */
    Pid awaitStart(Object id) throws InterruptedException {
        Entry entry = next();
        assertThat(entry.toString()).as("the next entry of %s", history()).isEqualTo("start " + id);
        return entry.pid();
    }

    /** Waits for the next entry, which must be child {@code id} stopping, and returns its reason. */
    ExitReason awaitStop(Object id) throws InterruptedException {
        Entry entry = next();
        assertThat(entry.start()).as("the next entry %s is a stop (history %s)", entry, history()).isFalse();
        assertThat(entry.id()).as("the next entry %s is of %s (history %s)", entry, id, history()).isEqualTo(id);
        return entry.reason();
    }

    /** Waits for the starts of {@code ids}, in that order, and returns their pids. */
    List<Pid> awaitStarts(Object... ids) throws InterruptedException {
        List<Pid> pids = new ArrayList<>();
        for (Object id : ids) {
            pids.add(awaitStart(id));
        }
        return pids;
    }

    /** Entries written but not read yet, without waiting. */
    List<Entry> unread() {
        List<Entry> left = new ArrayList<>();
        unread.drainTo(left);
        return left;
    }

    /** Everything so far, as {@code "start a"} and {@code "stop a shutdown"} lines, in order. */
    List<String> history() {
        return history.stream().map(Entry::toString).toList();
    }
}
