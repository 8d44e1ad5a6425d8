package dev.peeper.supervisor;

import dev.peeper.process.Pid;

/** A supervisor's record of one child: its spec and, while it runs, its pid. Owned by the supervisor's process. */
final class Child {
    final ChildSpec spec;
    /** {@code null} while not running (not started, ignored, terminated, or between exit and restart). */
    Pid pid;
    /**
     * A restart of this child failed and a retry message is on its way. Cleared when the child starts, and when it
     * is terminated on purpose meanwhile: as in OTP, a child terminated by request is not restarted by the retry.
     */
    boolean restartPending;

    Child(ChildSpec spec) {
        this.spec = spec;
    }

    Object id() {
        return spec.id();
    }

    boolean isRunning() {
        return pid != null;
    }

    ChildInfo info() {
        return new ChildInfo(spec.id(), pid, spec.type(), spec.restart());
    }
}
