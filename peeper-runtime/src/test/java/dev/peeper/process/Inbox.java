package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where processes report what they see, for a test to read with a bounded wait: tests observe processes
 * through events, never by sleeping.
 *
 * <pre>{@code
 * Inbox seen = new Inbox();
 * Pid probe = Proc.spawn(() -> { Proc.trapExit(true); seen.forwardAll(); });
 * assertThat(seen.next()).isEqualTo(...);
 * }</pre>
 */
public final class Inbox {
    /** The bound on every wait in the tests: generous, since a passing test never waits for it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What {@link #add(Object)} records for {@code null}, such as a {@code receive} that timed out. */
    public static final Object NOTHING = new Object() {
        @Override
        public String toString() {
            return "NOTHING";
        }
    };

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();

    /** Records {@code item}, or {@link #NOTHING} for {@code null}. Any thread. */
    public void add(Object item) {
        items.add(item == null ? NOTHING : item);
    }

    /** Forwards every message the calling process receives, until an exit signal ends it. */
    public void forwardAll() {
        while (true) {
            add(Proc.receive());
        }
    }

    /** The next item, waiting up to {@link #TIMEOUT}; fails the test if none comes. */
    public Object next() throws InterruptedException {
        Object item = items.poll(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            fail("nothing was reported within " + TIMEOUT);
        }
        return item;
    }

    /** The next item, which must be a {@code type}. */
    public <T> T next(Class<T> type) throws InterruptedException {
        Object item = next();
        assertThat(item).isInstanceOf(type);
        return type.cast(item);
    }

    /** What was reported and not yet read, without waiting. */
    public List<Object> drain() {
        List<Object> left = new ArrayList<>();
        items.drainTo(left);
        return left;
    }

    /** Waits up to {@link #TIMEOUT} for {@code pid} to end and returns its reason; fails the test if it does not. */
    public static ExitReason awaitExit(Pid pid) throws InterruptedException {
        try {
            return Proc.awaitExit(pid, TIMEOUT);
        } catch (TimeoutException e) {
            return fail(pid + " was still alive after " + TIMEOUT);
        }
    }

    /**
     * Checks that {@code pid}, a process that {@linkplain #forwardAll() forwards} into this inbox, is alive and
     * serving its mailbox: what it receives next is our ping. This is also how a test shows that nothing else
     * (a second {@link Down}, say) arrived before the ping, and that no exit signal is pending: a process with
     * a pending exit ends at its next receive instead of taking the ping.
     */
    public void assertStillServing(Pid pid) throws InterruptedException {
        Object ping = new Object() {
            @Override
            public String toString() {
                return "ping";
            }
        };
        Proc.send(pid, ping);
        assertThat(next()).as("what %s received next", pid).isSameAs(ping);
        assertThat(Proc.isAlive(pid)).as("%s is alive", pid).isTrue();
    }
}
