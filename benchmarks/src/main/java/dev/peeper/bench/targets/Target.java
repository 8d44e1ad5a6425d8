package dev.peeper.bench.targets;

/**
 * One row of the call and cast benchmarks: a counter behind some mechanism (a server, an actor, a lock), asked for
 * its count ({@link #call()}) and told to add one ({@link #cast()}). Every row runs the same work, so the rows
 * differ only in the mechanism.
 */
public interface Target extends AutoCloseable {
    /** Asks for the count and waits for the answer. */
    int call();

    /** Tells the counter to add one, without waiting. */
    void cast();

    /** Stops the counter and whatever runs it. */
    @Override
    void close();
}
