package dev.peeper.server.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartException;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The way into {@code dev.peeper.server} for {@link ServerLoops} and {@link RemoteEnvelopes}: what they do needs
 * the package's private loop and envelopes, so the package installs an implementation here when
 * {@link GenServers} is initialised (as the JDK's {@code SharedSecrets} do). Each method is documented where its
 * caller is.
 */
public abstract class ServerAccess {
    private static volatile ServerAccess installed;

    /** For the one implementation, in {@code dev.peeper.server}. */
    protected ServerAccess() {
    }

    /**
     * Installs the implementation; called once, by {@link GenServers}' initialiser.
     *
     * @param access the implementation
     * @throws IllegalStateException if one is installed already
     */
    public static void install(ServerAccess access) {
        if (installed != null) {
            throw new IllegalStateException("the server access is installed already");
        }
        installed = access;
    }

    static ServerAccess get() {
        ServerAccess access = installed;
        if (access == null) {
            try {
                MethodHandles.lookup().ensureInitialized(GenServers.class); // whose initialiser installs it
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("GenServers must be accessible from its own module", e);
            }
            access = installed;
        }
        return access;
    }

    // ---- ServerLoops ----

    protected abstract ProcessBody initializing(Dispatcher<?> dispatcher, Object argument, ProcessName name,
                                                CompletableFuture<Void> started, LoopHooks hooks);

    protected abstract ProcessBody resuming(Dispatcher<?> dispatcher, Object keptState, ExitReason lastExit,
                                            LoopHooks hooks, boolean suspended);

    protected abstract void handOver(ServerRef server, Pid successor, ExitReason reason);

    protected abstract Pid awaitStart(Pid pid, CompletableFuture<Void> started, SpawnOptions spawn,
                                      Duration initTimeout, Supplier<String> what);

    protected abstract StartException alreadyStarted(NameTakenException taken);

    protected abstract StartException endedDuringInit(Object server, ExitReason reason);

    // ---- RemoteEnvelopes ----

    protected abstract boolean isCall(Object message);

    protected abstract Object callRequest(Object call);

    protected abstract CompletableFuture<Object> newCall(Object request);

    protected abstract Object castRequest(Object message);

    protected abstract Object newCast(Object request);
}
