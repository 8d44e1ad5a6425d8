package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.SpawnOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    private GenServers() {
    }

    /** Starts an unnamed server with {@code argument} for {@code init}. */
    public static ServerRef start(Dispatcher<?> dispatcher, Object argument) {
        return start(dispatcher, argument, StartOptions.defaults());
    }

    /** Starts a server, not linked to the caller. */
    public static ServerRef start(Dispatcher<?> dispatcher, Object argument, StartOptions options) {
        return ServerRef.of(spawn(dispatcher, argument, options, SpawnOptions.defaults()));
    }

    /**
     * Starts a server linked to the calling process (which must be a process, e.g. a supervisor). If the start
     * fails, the link is removed before {@link StartException} is thrown, so the caller does not also get an
     * exit signal.
     */
    public static ServerRef startLink(Dispatcher<?> dispatcher, Object argument, StartOptions options) {
        return ServerRef.of(spawn(dispatcher, argument, options, SpawnOptions.defaults().withLink()));
    }

    /** Starts a server monitored by the calling process (which must be a process). */
    public static MonitoredServer startMonitor(Dispatcher<?> dispatcher, Object argument, StartOptions options) {
        Pid pid = spawn(dispatcher, argument, options, SpawnOptions.defaults());
        return new MonitoredServer(ServerRef.of(pid), Proc.monitor(pid));
    }

    private static Pid spawn(Dispatcher<?> dispatcher, Object argument, StartOptions options, SpawnOptions spawn) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Pid pid = Proc.spawn(new ServerLoop(dispatcher, argument, options.name(), started), spawn);
        try {
            started.get(options.initTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return pid;
        } catch (ExecutionException e) {
            StartException failure = (StartException) e.getCause();
            throw new StartException(failure.getMessage(), failure.reason()); // with the caller's stack
        } catch (TimeoutException e) {
            Proc.exit(pid, ExitReason.kill());
            awaitQuietly(pid);
            throw new StartException("init of " + dispatcher.getClass().getName() + " did not finish within "
                    + options.initTimeout() + "; the server was killed. Move slow work out of init (return "
                    + "Next.of(state).thenContinue(...)) or raise StartOptions.withInitTimeout",
                    ExitReason.of("timeout"));
        } catch (InterruptedException e) {
            Proc.exit(pid, ExitReason.kill());
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while waiting for init; the server was killed",
                    ExitReason.of("interrupted"));
        }
    }

    /** Waits briefly for a killed server to end, so its name is free when start throws. */
    private static void awaitQuietly(Pid pid) {
        try {
            Proc.awaitExit(pid, DEFAULT_CALL_TIMEOUT);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
