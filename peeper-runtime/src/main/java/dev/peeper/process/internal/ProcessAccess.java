package dev.peeper.process.internal;

import dev.peeper.process.ExitReason;
import dev.peeper.process.MonitorRef;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessBody;
import dev.peeper.process.SpawnOptions;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The way into {@code dev.peeper.process} for {@link Host}, {@link InternalProc} and {@link RemoteNodes}: what they
 * do needs the package's private process core, so the package installs an implementation here when {@link Proc}
 * is initialised (as the JDK's {@code SharedSecrets} do). Each method is documented where its caller is.
 */
public abstract class ProcessAccess {
    private static volatile ProcessAccess installed;

    /** For the one implementation, in {@code dev.peeper.process}. */
    protected ProcessAccess() {
    }

    /**
     * Installs the implementation; called once, by {@link Proc}'s initialiser.
     *
     * @param access the implementation
     * @throws IllegalStateException if one is installed already
     */
    public static void install(ProcessAccess access) {
        if (installed != null) {
            throw new IllegalStateException("the process access is installed already");
        }
        installed = access;
    }

    static ProcessAccess get() {
        ProcessAccess access = installed;
        if (access == null) {
            try {
                MethodHandles.lookup().ensureInitialized(Proc.class); // whose initialiser installs it
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Proc must be accessible from its own module", e);
            }
            access = installed;
        }
        return access;
    }

    // ---- Host ----

    protected abstract Pid spawnHost(Host host, SpawnOptions options);

    protected abstract Pid spawnDelegate(Pid host, ProcessBody body);

    protected abstract boolean endHost(Pid host, ExitReason reason);

    protected abstract Host hostOf(Pid pid);

    // ---- InternalProc ----

    protected abstract Pid spawnDelegate(ProcessBody body);

    protected abstract Object receiveSystem(Duration timeout);

    protected abstract void parentExitsFirst(boolean on);

    protected abstract void onExit(Pid pid, Runnable cleanup);

    // ---- RemoteNodes ----

    protected abstract void install(Transport transport);

    protected abstract void uninstall(Transport transport);

    protected abstract long defaultNode();

    protected abstract long nodeOf(Pid pid);

    protected abstract <T> T callAs(long node, Supplier<T> body);

    protected abstract long callerNode();

    protected abstract void deliver(Pid local, Object message);

    protected abstract void exitSignal(Pid local, Pid from, ExitReason reason, boolean viaLink);

    protected abstract CompletableFuture<ExitReason> exitFuture(Pid local);

    protected abstract boolean onLocalExit(Pid local, Runnable cleanup);

    protected abstract boolean isAlive(Pid local);

    protected abstract Pid watcher(MonitorRef ref);

    protected abstract Pid pid(long node, long serial);

    protected abstract long wireNode(Pid pid);
}
