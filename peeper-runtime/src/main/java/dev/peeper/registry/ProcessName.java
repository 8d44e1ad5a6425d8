package dev.peeper.registry;

import dev.peeper.process.Pid;
import dev.peeper.registry.internal.LocalRegistry;
import dev.peeper.registry.internal.NameMoves;
import java.util.Objects;

/**
 * A name a process can be registered and found under: a {@linkplain #local(Object) local} name, or a name in
 * another {@linkplain #via(NameRegistry, Object) registry} (OTP's {@code {via, Module, Name}}).
 *
 * <pre>{@code
 * GenServers.start(dispatcher, arg, StartOptions.named(ProcessName.local("counter")));
 * }</pre>
 *
 * @param registry where the name lives
 * @param name     the name itself
 */
public record ProcessName(NameRegistry registry, Object name) {
    /** Checks both parts. */
    public ProcessName {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(name, "name");
    }

    /**
     * A name in this JVM's registry.
     *
     * @param name the name: any value with sound {@code equals} and {@code hashCode}, e.g. a string
     * @return the name in this JVM's registry, the one {@link Registry} works on
     */
    public static ProcessName local(Object name) {
        return new ProcessName(LocalRegistry.instance(), name);
    }

    /**
     * A name in {@code registry}.
     *
     * @param registry where the name lives, e.g. a cluster-wide registry
     * @param name     the name itself, as {@code registry} understands it
     * @return the name in {@code registry}
     */
    public static ProcessName via(NameRegistry registry, Object name) {
        return new ProcessName(registry, name);
    }

    /**
     * Registers {@code pid} under this name; the name is released when the process ends. For a plain process
     * what {@link Registry#register(Object, Pid)} is for a local name, in any registry (OTP's
     * {@code global:register_name/2}); servers take their name with {@link dev.peeper.server.StartOptions}.
     *
     * <pre>{@code
     * ProcessName.via(clusterNames, "audit-log").register(Proc.spawn(AuditLog::run));
     * }</pre>
     *
     * @param pid the process to register
     * @throws NameTakenException if another process holds the name
     */
    public void register(Pid pid) {
        if (!registry.register(name, pid)) {
            throw new NameTakenException(name, registry.whereis(name));
        }
        NameMoves.releaseWhenEnded(this, pid);
    }

    /**
     * Releases this name if {@code pid} holds it (OTP's {@code global:unregister_name/1}, but safe against a
     * name meanwhile taken by another process).
     *
     * @param pid the process that must hold the name; a name held by another process stays
     */
    public void unregister(Pid pid) {
        registry.unregister(name, pid);
    }

    /** {@return the process registered under this name now, or {@code null}} */
    public Pid whereis() {
        return registry.whereis(name);
    }

    @Override
    public String toString() {
        return registry instanceof LocalRegistry ? String.valueOf(name) : "{via, " + registry + ", " + name + "}";
    }
}
