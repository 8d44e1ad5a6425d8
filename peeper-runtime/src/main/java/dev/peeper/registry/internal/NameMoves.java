package dev.peeper.registry.internal;

import dev.peeper.process.Pid;
import dev.peeper.process.internal.InternalProc;
import dev.peeper.registry.NameRegistry;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.ProcessName;

/**
 * What the runtime does with names beyond registering them: a transferred Peeper server takes its name along,
 * and every registration outside the {@link LocalRegistry} needs the runtime to release the name when its
 * process ends. Internal: applications register with {@link ProcessName#register(Pid)}.
 */
public final class NameMoves {
    private NameMoves() {
    }

    /**
     * Moves {@code name} from {@code from} to {@code to} (see {@link NameRegistry#move}): a lookup finds one or
     * the other, never nothing, where the registry can do that. The name is released when {@code to} ends.
     *
     * @param name the name the server is registered under
     * @param from the process that holds the name now
     * @param to   the process to give it to
     * @throws NameTakenException if a third process holds the name
     */
    public static void move(ProcessName name, Pid from, Pid to) {
        NameRegistry registry = name.registry();
        if (!registry.move(name.name(), from, to)) {
            throw new NameTakenException(name.name(), registry.whereis(name.name()));
        }
        releaseWhenEnded(name, to);
    }

    /**
     * Arranges for {@code name} to be released from {@code pid} when that process ends; the {@link LocalRegistry}
     * does so by itself, and another registry relies on this (see {@link NameRegistry}).
     *
     * @param name the name {@code pid} has just taken
     * @param pid  the process holding it
     */
    public static void releaseWhenEnded(ProcessName name, Pid pid) {
        NameRegistry registry = name.registry();
        if (!(registry instanceof LocalRegistry)) {
            InternalProc.onExit(pid, () -> registry.unregister(name.name(), pid));
        }
    }
}
