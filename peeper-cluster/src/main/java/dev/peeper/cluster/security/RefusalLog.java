package dev.peeper.cluster.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs refusals at warning level at most once per {@value #INTERVAL_MILLIS} ms per reason, with a count of those
 * left out meanwhile: an intruder that sends a flood must not flood the log too (nor slow the member with it).
 */
public final class RefusalLog {
    /** The shortest time between two warnings for one reason. */
    public static final long INTERVAL_MILLIS = 10_000;

    private final Logger log;
    private final Map<RefusedException.Reason, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final AtomicLong next = new AtomicLong(System.nanoTime());
        final AtomicLong suppressed = new AtomicLong();
    }

    /**
     * A rate-limited log writing to {@code log}.
     *
     * @param log where warnings go
     */
    public RefusalLog(Logger log) {
        this.log = log;
    }

    /**
     * Logs {@code refusal} from {@code source} unless one of its reason was logged less than the interval ago.
     *
     * @param source    who sent it, as far as known (an address, a node number)
     * @param refusal   what was refused and why
     * @param receiver  the member that refused it, for the log
     */
    public void refused(Object source, RefusedException refusal, Object receiver) {
        Window window = windows.computeIfAbsent(refusal.reason(), reason -> new Window());
        long now = System.nanoTime();
        long next = window.next.get();
        if (now - next < 0 || !window.next.compareAndSet(next, now + INTERVAL_MILLIS * 1_000_000)) {
            window.suppressed.incrementAndGet();
            return;
        }
        long left = window.suppressed.getAndSet(0);
        log.warn("{} refused a message from {} [{}]: {}{}", receiver, source, refusal.reason(), refusal.getMessage(),
                left == 0 ? "" : " (" + left + " more refused for this reason since the last warning)");
    }
}
