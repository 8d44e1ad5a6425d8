package dev.peeper.registry.internal;

import dev.peeper.process.Pid;
import dev.peeper.registry.NameRegistry;
import dev.peeper.registry.ProcessName;
import dev.peeper.registry.Registry;
import dev.peeper.process.internal.InternalProc;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of this JVM, Erlang's local registry. A name is any value with sound {@code equals} and
 * {@code hashCode}, usually a {@code String}; it is released the moment its process ends, before links and
 * monitors hear of the end, so whoever restarts the process can take the name again at once.
 *
 * <p>Internal: applications use it through {@link Registry} or {@link ProcessName#local(Object)}, whose
 * {@link ProcessName#registry()} is this registry as a {@link NameRegistry}.
 */
public final class LocalRegistry implements NameRegistry {
    private static final LocalRegistry INSTANCE = new LocalRegistry();

    private final Map<Object, Pid> names = new ConcurrentHashMap<>();
    /**
     * The names each process holds, so that one clean-up per process frees them all when it ends, however often it
     * registers and unregisters: a clean-up per registration would pile up in a process that does that in a loop.
     */
    private final Map<Pid, Set<Object>> held = new ConcurrentHashMap<>();

    private LocalRegistry() {
    }

    /** {@return the registry of this JVM, the one {@link ProcessName#local} names live in} */
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
        hold(pid, name);
        return true;
    }

    /** Rebinds atomically: a lookup finds {@code from} or {@code to}, never nothing. */
    @Override
    public boolean move(Object name, Pid from, Pid to) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(to, "to");
        if (names.replace(name, from, to)) {
            forget(from, name);
        } else if (names.putIfAbsent(name, to) != null) {
            return false;
        }
        hold(to, name);
        return true;
    }

    @Override
    public void unregister(Object name, Pid pid) {
        if (names.remove(name, pid)) {
            forget(pid, name);
        }
    }

    /**
     * Removes {@code name} whatever it is bound to; {@code true} if it was bound.
     *
     * @param name the name to release
     * @return {@code true} if it was bound
     */
    public boolean unregister(Object name) {
        Pid holder = names.remove(Objects.requireNonNull(name, "name"));
        if (holder == null) {
            return false;
        }
        forget(holder, name);
        return true;
    }

    /** Notes that {@code pid} holds {@code name}; the first name of a process arms the clean-up of its end. */
    private void hold(Pid pid, Object name) {
        Set<Object> holding = held.get(pid);
        if (holding == null) {
            Set<Object> fresh = ConcurrentHashMap.newKeySet();
            fresh.add(name);
            holding = held.putIfAbsent(pid, fresh);
            if (holding == null) {
                // outside any map operation: runs at once if the process has already ended, so a dead pid never
                // keeps a name
                InternalProc.onExit(pid, () -> release(pid, fresh));
                return;
            }
        }
        holding.add(name);
        if (held.get(pid) != holding) { // released meanwhile: the process has ended, and the release may have missed it
            names.remove(name, pid);
        }
    }

    private void forget(Pid pid, Object name) {
        Set<Object> holding = held.get(pid);
        if (holding != null) {
            holding.remove(name);
        }
    }

    /** The end of {@code pid}: frees every name it holds, before links and monitors hear of the end. */
    private void release(Pid pid, Set<Object> holding) {
        held.remove(pid, holding);
        for (Object name : holding) {
            names.remove(name, pid);
        }
    }

    @Override
    public Pid whereis(Object name) {
        return names.get(Objects.requireNonNull(name, "name"));
    }

    /** {@return a snapshot of the names registered now} */
    public Set<Object> registered() {
        return Set.copyOf(names.keySet());
    }
}
