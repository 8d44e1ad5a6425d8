package dev.peeper.durable;

import dev.peeper.process.SpawnOptions;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.ServerLoops;
import dev.peeper.supervisor.ChildSpec;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Starts Peeper servers: generic servers whose state survives the crash of their worker.
 *
 * <p>A Peeper server is one process that clients talk to (its pid and name never change), a worker process that
 * runs your callbacks, and a keeper that holds the state every completed callback returned. When the worker
 * crashes (an exception, a kill, any exit signal), a new worker resumes from the kept state, without running
 * {@code init} again; only the message that crashed is lost (its caller gets the cause), and everything queued
 * behind it is served. Beyond its restart intensity the server stops, tells its listener and its supervisor, and
 * frees its name.
 *
 * <pre>{@code
 * PeeperRef counter = Peeper.start(Counter::new, 0, PeeperOptions.named("counter"));
 * counter.cast(5);
 * Proc.exit(counter.worker(), ExitReason.kill());   // the worker dies...
 * int value = counter.call("get");                  // ...and the state is still 5
 * }</pre>
 *
 * <p>The implementation is given as a factory: every worker, first or restarted, gets a fresh instance, so
 * nothing a crashed instance held in its fields can leak into its successor.
 */
public final class Peeper {
    private Peeper() {
    }

    /** Starts an unnamed Peeper server with the default options. */
    public static PeeperRef start(Supplier<? extends Dispatcher<?>> implementation, Object argument) {
        return start(implementation, argument, PeeperOptions.defaults());
    }

    /** Starts a Peeper server, not linked to the caller; returns once {@code init} has finished. */
    public static PeeperRef start(Supplier<? extends Dispatcher<?>> implementation, Object argument,
                                  PeeperOptions options) {
        return spawn(implementation, argument, false, options, SpawnOptions.defaults());
    }

    /** Starts a Peeper server linked to the calling process (a supervisor, typically). */
    public static PeeperRef startLink(Supplier<? extends Dispatcher<?>> implementation, Object argument,
                                      PeeperOptions options) {
        return spawn(implementation, argument, false, options, SpawnOptions.defaults().withLink());
    }

    /**
     * A child spec that runs a Peeper server under a supervisor: a permanent worker with the default shutdown.
     * (Its own worker restarts are the Peeper server's business; the supervisor only sees the server end when it
     * stops or gives up.)
     */
    public static ChildSpec childSpec(Object id, Supplier<? extends Dispatcher<?>> implementation, Object argument,
                                      PeeperOptions options) {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(options, "options");
        return ChildSpec.worker(id, () -> startLink(implementation, argument, options).pid());
    }

    static PeeperRef spawn(Supplier<? extends Dispatcher<?>> implementation, Object argumentOrState,
                           boolean resume, PeeperOptions options, SpawnOptions spawn) {
        Objects.requireNonNull(implementation, "implementation: a factory such as Counter::new");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Void> started = new CompletableFuture<>();
        PeeperFront front = new PeeperFront(implementation, argumentOrState, resume, options, started);
        return PeeperRef.of(ServerLoops.spawnAndAwait(front, started, spawn, options.initTimeout(),
                "Peeper server " + implementation));
    }
}
