package dev.peeper.registry;

import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.internal.LocalRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * Local names, Erlang's {@code register / unregister / whereis}: the names of this JVM, those of
 * {@link ProcessName#local(Object)}. A name is released the moment its process ends, before links and monitors
 * hear of the end, so whoever restarts the process can take the name again at once.
 *
 * <pre>{@code
 * Registry.register("logger", pid);
 * Registry.send("logger", "hello");
 * Registry.whereis("logger").ifPresent(p -> ...);
 * }</pre>
 */
public final class Registry {
    private Registry() {
    }

    /**
     * Registers {@code pid} under {@code name} until the process ends or {@link #unregister} is called.
     *
     * @param name the name: any value with sound {@code equals} and {@code hashCode}, e.g. a string
     * @param pid  a live local process
     * @throws NameTakenException  if another process holds the name
     * @throws NoProcessException if {@code pid} is not alive
     */
    public static void register(Object name, Pid pid) {
        if (!Proc.isAlive(pid)) {
            throw new NoProcessException("cannot register " + name + ": " + pid + " is not alive");
        }
        ProcessName.local(name).register(pid);
    }

    /**
     * Releases {@code name}; {@code true} if it was registered.
     *
     * @param name the name to release, whoever holds it
     * @return {@code true} if it was registered
     */
    public static boolean unregister(Object name) {
        return LocalRegistry.instance().unregister(name);
    }

    /**
     * The process registered under {@code name}, if any.
     *
     * @param name the name to look up
     * @return its holder now, or empty
     */
    public static Optional<Pid> whereis(Object name) {
        return Optional.ofNullable(LocalRegistry.instance().whereis(name));
    }

    /** {@return a snapshot of the names registered now} */
    public static Set<Object> registered() {
        return LocalRegistry.instance().registered();
    }

    /**
     * Sends {@code message} to the process registered under {@code name}.
     *
     * @param name    the name to look up
     * @param message what to send; the holder receives it as is
     * @throws NoProcessException if nothing is registered under {@code name}
     */
    public static void send(Object name, Object message) {
        Pid pid = LocalRegistry.instance().whereis(name);
        if (pid == null) {
            throw new NoProcessException("no process is registered under the name " + name);
        }
        Proc.send(pid, message);
    }
}
