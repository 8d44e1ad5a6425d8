package dev.peeper.server;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.SpawnOptions;
import dev.peeper.process.Spawned;
import dev.peeper.server.internal.ServerAccess;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Starts generic servers, OTP's {@code gen_server:start / start_link / start_monitor}. Each returns only after
 * the server's {@code init} finished; if {@code init} throws, returns {@link Stop}, or does not finish within the
 * {@linkplain StartOptions#initTimeout() init timeout}, start throws {@link StartException} and the name (if
 * any) is free again. Talk to a started server through its {@link ServerRef}.
 *
 * <pre>{@code
 * ServerRef counter = GenServers.start(new Counter(), 0, StartOptions.named("counter"));
 * counter.cast(5);
 * int value = counter.call("get");
 * }</pre>
 */
public final class GenServers {
    /** How long a call waits for its reply unless told otherwise (as in OTP: 5 seconds). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    static {
        ServerAccess.install(new ServerInternals()); // what dev.peeper.server.internal reaches the loop through
    }

    private GenServers() {
    }

    /**
     * Starts an unnamed server with {@code argument} for {@code init}.
     *
     * @param dispatcher the server's callbacks, e.g. a generated {@code *_Dispatcher}; used by this server only
     * @param argument   what {@code init} gets; may be {@code null}
     * @return a handle to the running server, by pid
     * @throws StartException if {@code init} failed, returned {@link Stop} or timed out, or the name was taken
     */
    public static ServerRef start(Dispatcher<?> dispatcher, Object argument) {
        return start(dispatcher, argument, StartOptions.defaults());
    }

    /**
     * Starts a server, not linked to the caller.
     *
     * @param dispatcher the server's callbacks, e.g. a generated {@code *_Dispatcher}; used by this server only
     * @param argument   what {@code init} gets; may be {@code null}
     * @param options    name and init timeout
     * @return a handle to the running server, by pid
     * @throws StartException if {@code init} failed, returned {@link Stop} or timed out, or the name was taken
     */
    public static ServerRef start(Dispatcher<?> dispatcher, Object argument, StartOptions options) {
        return ServerRef.of(spawn(dispatcher, argument, options, SpawnOptions.defaults()));
    }

    /**
     * Starts a server linked to the calling process (which must be a process, such as a supervisor). If the start
     * fails, the link is removed before {@link StartException} is thrown, so the caller does not also get an
     * exit signal.
     *
     * @param dispatcher the server's callbacks, e.g. a generated {@code *_Dispatcher}; used by this server only
     * @param argument   what {@code init} gets; may be {@code null}
     * @param options    name and init timeout
     * @return a handle to the running server, by pid
     * @throws StartException if {@code init} failed, returned {@link Stop} or timed out, or the name was taken
     */
    public static ServerRef startLink(Dispatcher<?> dispatcher, Object argument, StartOptions options) {
        return ServerRef.of(spawn(dispatcher, argument, options, SpawnOptions.defaults().withLink()));
    }

    /**
     * Starts a server monitored by the calling process (which must be a process).
     *
     * @param dispatcher the server's callbacks, e.g. a generated {@code *_Dispatcher}; used by this server only
     * @param argument   what {@code init} gets; may be {@code null}
     * @param options    name and init timeout
     * @return the handle and the monitor; the caller gets a {@link dev.peeper.process.Down} when the server ends
     * @throws StartException if {@code init} failed, returned {@link Stop} or timed out, or the name was taken
     * @throws IllegalStateException if the caller is not a process
     */
    public static MonitoredServer startMonitor(Dispatcher<?> dispatcher, Object argument, StartOptions options) {
        if (!Proc.isProcess()) { // checked before the start: failing after it would leave the server running
            throw new IllegalStateException("GenServers.startMonitor must be called inside a process; "
                    + "use GenServers.start here, or start the server from a process");
        }
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Spawned spawned = Loops.spawnMonitorAndAwait(
                Loops.initializing(dispatcher, argument, options.name(), started, null), started,
                SpawnOptions.defaults(), options.initTimeout(), dispatcher.getClass()::getName);
        return new MonitoredServer(ServerRef.of(spawned.pid()), spawned.monitor());
    }

    private static Pid spawn(Dispatcher<?> dispatcher, Object argument, StartOptions options, SpawnOptions spawn) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Void> started = new CompletableFuture<>();
        return Loops.spawnAndAwait(Loops.initializing(dispatcher, argument, options.name(), started, null),
                started, spawn, options.initTimeout(), dispatcher.getClass()::getName);
    }
}
