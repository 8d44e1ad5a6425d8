package dev.peeper.keeper;

import dev.peeper.registry.ProcessName;

/**
 * Makes the {@link Keeper} of each new Peeper server: the keeper strategy. The default,
 * {@link Keepers#inMemory()}, keeps the state in this JVM; another factory may replicate it, so that a server
 * restarted on another node resumes where it was.
 *
 * <pre>{@code
 * PeeperOptions.defaults().withKeeper(Keepers.inMemory())
 * }</pre>
 */
@FunctionalInterface
public interface KeeperFactory {
    /**
     * A keeper for one server.
     *
     * @param name the server's name, or {@code null} if it has none (a replicated keeper needs one)
     * @return a new keeper, holding nothing yet
     */
    Keeper<Object> create(ProcessName name);
}
