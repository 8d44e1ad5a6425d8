package dev.peeper.cluster.faults;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;

/**
 * Names one incarnation of a server for the history: the OS pid of its JVM and its Peeper pid. A restarted member
 * is a new JVM, so two incarnations never share a name even if Peeper pids were reused.
 */
final class Incarnation {
    private static final long JVM = ProcessHandle.current().pid();

    private Incarnation() {
    }

    /** {@return the incarnation of the calling server} */
    static String self() {
        return of(Proc.self());
    }

    static String of(Pid pid) {
        return JVM + ":" + pid.node() + "." + pid.serial();
    }
}
