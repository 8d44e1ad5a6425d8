package dev.peeper.registry;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of this JVM, Erlang's local registry. A name is any value with sound {@code equals} and
 * {@code hashCode}, usually a {@code String}; it is released the moment its process ends, before links and
 * monitors hear of the end, so whoever restarts the process can take the name again at once.
 *
 * <p>Most code uses it through {@link Registry} or {@link ProcessName#local(Object)}.
 */
public final class LocalRegistry implements NameRegistry {
    private static final LocalRegistry INSTANCE = new LocalRegistry();

    private final Map<Object, Pid> names = new ConcurrentHashMap<>();

    private LocalRegistry() {
    }

    /** The registry of this JVM. */
    public static LocalRegistry instance() {
        return INSTANCE;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A pid that has already ended is released again at once.
     */
    @Override
    public boolean register(Object name, Pid pid) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pid, "pid");
        if (names.putIfAbsent(name, pid) != null) {
            return false;
        }
        // runs at once if the process has already ended, so a dead pid never keeps a name
        Proc.onExit(pid, () -> names.remove(name, pid));
        return true;
    }

    /** Rebinds atomically: a lookup finds {@code from} or {@code to}, never nothing. */
    @Override
    public boolean move(Object name, Pid from, Pid to) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(to, "to");
        if (!names.replace(name, from, to) && names.putIfAbsent(name, to) != null) {
            return false;
        }
        Proc.onExit(to, () -> names.remove(name, to));
        return true;
    }

    @Override
    public void unregister(Object name, Pid pid) {
        names.remove(name, pid);
    }

    /** Removes {@code name} whatever it is bound to; {@code true} if it was bound. */
    public boolean unregister(Object name) {
        return names.remove(Objects.requireNonNull(name, "name")) != null;
    }

    @Override
    public Pid whereis(Object name) {
        return names.get(Objects.requireNonNull(name, "name"));
    }

    /** A snapshot of the names registered now. */
    public Set<Object> registered() {
        return Set.copyOf(names.keySet());
    }
}
