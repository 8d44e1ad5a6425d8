package dev.peeper.bench.targets;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A counter guarded by a lock, called on the caller's own thread: not a competitor (no isolation, nothing survives
 * a crash) but the scale of what a call costs without message passing.
 */
final class LockTarget implements Target {
    private final ReentrantLock lock = new ReentrantLock();
    private int count;

    @Override
    public int call() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cast() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
    }
}
