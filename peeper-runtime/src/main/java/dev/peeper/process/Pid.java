package dev.peeper.process;

import java.io.Serial;
import java.io.Serializable;

/**
 * The identity of a process: unique, comparable and printable as {@code <node.serial>}, like an Erlang pid.
 *
 * <p>A pid stays valid after its process ended: sending to it then does nothing, calling through it fails at
 * once, and {@link Proc#isAlive(Pid)} answers {@code false}. The node part is {@code 0} for this JVM; the
 * cluster module gives processes of other members (and of members it runs in this JVM) the number of that
 * member's <em>incarnation</em>, which is never reused, so a pid of a restarted member never reaches a new
 * process.
 *
 * <p>Pids travel in messages between members: they are {@link Serializable} (as {@code (node, serial)}, the
 * node {@code 0} replaced by this JVM's node number), and come back as the same local pid.
 *
 * <pre>{@code
 * Pid pid = Proc.spawn(() -> System.out.println("hello from " + Proc.self()));
 * System.out.println(pid); // <0.42>
 * }</pre>
 */
public final class Pid implements Comparable<Pid>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The node this process runs on; see {@link #node()}. */
    private final long node;
    /** The process's number within its node; see {@link #serial()}. */
    private final long serial;
    /** The process behind this pid in this JVM, or {@code null} for a pid of another JVM or of an ended one. */
    final transient ProcessCore process;

    Pid(long node, long serial, ProcessCore process) {
        this.node = node;
        this.serial = serial;
        this.process = process;
    }

    /** {@return the node this process runs on: {@code 0} is this JVM, any other number a cluster member's incarnation} */
    public long node() {
        return node;
    }

    /** {@return the process's number, unique within its node and never reused} */
    public long serial() {
        return serial;
    }

    /** {@return whether this pid names a process of this JVM} */
    public boolean isLocal() {
        return process != null;
    }

    @Override
    public boolean equals(Object other) {
        // node 0 and this JVM's own node number name the same node: a local pid that went out and came back
        return other instanceof Pid pid && pid.serial == serial
                && (pid.node == node || Nodes.canonical(pid.node) == Nodes.canonical(node));
    }

    @Override
    public int hashCode() {
        return Long.hashCode(serial); // not the node: this JVM's node number may be set after the pid is hashed
    }

    @Override
    public int compareTo(Pid other) {
        int byNode = Long.compare(Nodes.canonical(node), Nodes.canonical(other.node));
        return byNode != 0 ? byNode : Long.compare(serial, other.serial);
    }

    @Override
    public String toString() {
        return "<" + node + "." + serial + ">";
    }

    /**
     * On the wire a pid is its node (never {@code 0}) and serial.
     *
     * @return the form that goes on the wire
     */
    @Serial
    private Object writeReplace() {
        return new WirePid(Nodes.wireNode(this), serial);
    }

    /**
     * The serialized form of a {@link Pid}: resolved back to the local process when it names one.
     *
     * @param node   the pid's node, never {@code 0}
     * @param serial the pid's serial
     */
    private record WirePid(long node, long serial) implements Serializable {
        /**
         * The pid this names in the reading JVM.
         *
         * @return the local process's own pid if it is one of this JVM's, else a pid that reaches it remotely
         */
        @Serial
        private Object readResolve() {
            return Nodes.pid(node, serial);
        }
    }
}
