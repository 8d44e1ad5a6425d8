package dev.peeper.registry;

import dev.peeper.process.Pid;

/**
 * Where names are kept: the SPI behind OTP's {@code {via, Module, Name}}. This JVM's registry (the one of
 * {@link Registry} and {@link ProcessName#local(Object)}) implements it; a cluster-wide registry implements it
 * too, so that its names are seen on every node.
 * Implementations must be thread-safe.
 *
 * <p>The runtime removes a name with {@link #unregister(Object, Pid)} as soon as its process ends, so an
 * implementation does not need to watch processes itself.
 *
 * <pre>{@code
 * ProcessName name = ProcessName.via(myClusterRegistry, "orders");
 * }</pre>
 */
public interface NameRegistry {
    /**
     * Binds {@code name} to {@code pid} unless the name is taken.
     *
     * @param name the name, compared with {@code equals}
     * @param pid  the process to bind it to
     * @return {@code true} if bound, {@code false} if another process holds the name
     */
    boolean register(Object name, Pid pid);

    /**
     * Removes {@code name} if it is bound to {@code pid}; does nothing otherwise.
     *
     * @param name the name to release
     * @param pid  the process it must be bound to; a name bound to another process stays
     */
    void unregister(Object name, Pid pid);

    /**
     * The process bound to {@code name}, or {@code null}.
     *
     * @param name the name to look up
     * @return the process bound to it now, or {@code null}
     */
    Pid whereis(Object name);

    /**
     * Rebinds {@code name} from {@code from} to {@code to}, for a server that moved: atomically where the
     * registry can, so lookups never find the name missing. The default unregisters, then registers.
     *
     * @param name the name to move
     * @param from the process it is bound to now
     * @param to   the process to bind it to
     * @return {@code true} if {@code name} is now bound to {@code to}
     */
    default boolean move(Object name, Pid from, Pid to) {
        unregister(name, from);
        return register(name, to);
    }

    /**
     * A call by {@code name} to {@code pid}, the holder a lookup answered, found no such process ({@code noproc}):
     * it has ended. A registry that caches its answers drops this one, so that the next lookup asks its source
     * instead of answering the ended process again (the name itself is freed as its process ends, as always). The
     * default does nothing.
     *
     * @param name the name that was called
     * @param pid  the holder a lookup answered, which had ended
     */
    default void holderEnded(Object name, Pid pid) {
    }

    /**
     * Whether a call by a name of this registry that finds no holder waits, within the call's timeout, for one to
     * register, instead of failing at once with {@code NoProcessException}. {@code false} (the default, as OTP's
     * local names): an unregistered name is a mistake to report. A registry whose names come back by themselves
     * answers {@code true}: a cluster's, where a server whose member died is started again on another member, or is
     * still being started on the member that owns its name. Casts and sends never wait.
     *
     * @return whether calls wait for a holder within their timeout
     */
    default boolean waitsForHolder() {
        return false;
    }
}
