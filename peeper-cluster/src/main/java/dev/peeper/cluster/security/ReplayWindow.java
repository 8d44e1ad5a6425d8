package dev.peeper.cluster.security;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The sequence numbers already accepted from one sender: a number seen before, or {@value #WIDTH} or more below
 * the highest seen (too old to tell), is a replay. A window, not "higher than the last", because concurrent senders
 * on one member number their messages before they publish them, so numbers may arrive slightly out of order (IPsec
 * does the same, RFC 4303 3.4.3). Kept as a ring of the last number seen in each slot: no shifting, no allocation.
 */
public final class ReplayWindow {
    /** How far below the highest number a late one is still accepted. */
    public static final int WIDTH = 2048;

    private final ReentrantLock lock = new ReentrantLock();
    private final long[] slots = new long[WIDTH];
    private long highest;

    /**
     * Accepts {@code sequence} once: {@code true} the first time, {@code false} for a replay or a number too old.
     *
     * @param sequence the message's number, from 1
     * @return whether it is new
     */
    public boolean accept(long sequence) {
        if (sequence <= 0) {
            return false;
        }
        int slot = (int) (sequence % WIDTH);
        lock.lock();
        try {
            if (sequence <= highest - WIDTH || slots[slot] == sequence) {
                return false;
            }
            slots[slot] = sequence;
            highest = Math.max(highest, sequence);
            return true;
        } finally {
            lock.unlock();
        }
    }
}
