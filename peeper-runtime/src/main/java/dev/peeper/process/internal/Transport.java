package dev.peeper.process.internal;

import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.MonitorRef;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.concurrent.CompletableFuture;

/**
 * How the runtime reaches processes of other nodes: the SPI the cluster module implements, one transport per
 * cluster member running in this JVM, {@linkplain RemoteNodes#install installed} in {@link RemoteNodes}.
 * {@link Proc} hands a transport every operation on a pid that is not a process of the caller's own node; local
 * operations never reach it. Not for application code.
 *
 * <p>Implementations must not block the caller for long (a send is asynchronous, as in Erlang), must keep the
 * messages from one sender to one process in order, and must tell watchers and linked processes with the reason
 * {@code noconnection} when the node of a process they watch or are linked to leaves.
 */
public interface Transport {
    /** This member's node number: not {@code 0}, and never used by another member, before or after. */
    long localNode();

    /** Sends {@code message} to {@code to}; does nothing if it has ended or its node is gone (as in Erlang). */
    void send(Pid to, Object message);

    /** An exit signal from {@code from} to {@code to}, as {@link Proc#exit(Pid, ExitReason)} sends one. */
    void exit(Pid to, Pid from, ExitReason reason);

    /** Links the local process {@code self} with {@code other}; {@code noproc} comes back if it has ended. */
    void link(Pid self, Pid other);

    /** Removes the link between the local process {@code self} and {@code other}, if any. */
    void unlink(Pid self, Pid other);

    /**
     * Watches {@code ref.target()} for the local process {@code watcher}: one {@link Down} carrying {@code ref}
     * when it ends ({@code noproc} if it had, {@code noconnection} if its node leaves).
     */
    void monitor(MonitorRef ref, Pid watcher);

    /** Stops a monitor set through {@link #monitor}; {@code false} if it had already fired. */
    boolean demonitor(MonitorRef ref);

    /** Completes with the reason {@code pid} ended ({@code noconnection} if its node leaves first). */
    CompletableFuture<ExitReason> whenExited(Pid pid);

    /**
     * Whether {@code pid} is alive now, asking its node (a short bounded wait, never an exception); {@code false}
     * if its node is gone, unreachable, or does not answer in time.
     */
    boolean isAlive(Pid pid);
}
