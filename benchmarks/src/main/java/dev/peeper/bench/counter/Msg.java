package dev.peeper.bench.counter;

/** The messages of the hand-written counter; every row of the benchmarks sends the same ones. */
public final class Msg {
    private Msg() {
    }

    /** Asks for the count. */
    public record Get() {
    }

    /** Adds {@code by} to the count. */
    public record Add(int by) {
    }

    /** Adds {@code by} and answers the new count: a call that changes the state (the cluster rows). */
    public record AddAndGet(int by) {
    }

    /** Makes the handler throw: the worker crashes. As a call its caller gets the crash; as a cast nobody does. */
    public record Crash() {
    }
}
