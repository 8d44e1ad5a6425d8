package dev.peeper.process;

import java.util.Objects;

/**
 * The identity of a process: unique, comparable and printable as {@code <node.serial>}, like an Erlang pid.
 *
 * <p>A pid stays valid after its process ended: sending to it then does nothing, calling through it fails at
 * once, and {@link Proc#isAlive(Pid)} answers {@code false}. The node part is {@code 0} for this JVM; processes
 * of other nodes have other node numbers.
 *
 * <pre>{@code
 * Pid pid = Proc.spawn(() -> System.out.println("hello from " + Proc.self()));
 * System.out.println(pid); // <0.42>
 * }</pre>
 */
public final class Pid implements Comparable<Pid> {
    private final int node;
    private final long serial;
    /** The local process behind this pid, or {@code null} for a pid of another node. */
    final ProcessCore process;

    Pid(int node, long serial, ProcessCore process) {
        this.node = node;
        this.serial = serial;
        this.process = process;
    }

    /** The node this process runs on; {@code 0} is the local JVM. */
    public int node() {
        return node;
    }

    /** The process's number, unique within its node and never reused. */
    public long serial() {
        return serial;
    }

    /** Whether this pid names a process of this JVM. */
    public boolean isLocal() {
        return process != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pid pid && pid.node == node && pid.serial == serial;
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, serial);
    }

    @Override
    public int compareTo(Pid other) {
        int byNode = Integer.compare(node, other.node);
        return byNode != 0 ? byNode : Long.compare(serial, other.serial);
    }

    @Override
    public String toString() {
        return "<" + node + "." + serial + ">";
    }
}
