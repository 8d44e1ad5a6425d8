package dev.peeper.server;

import dev.peeper.registry.ProcessName;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server starts: under which name, and how long {@code init} may take. Immutable; start from
 * {@link #defaults()} or {@link #named(Object)}.
 *
 * <pre>{@code
 * GenServers.start(new Counter(), 0, StartOptions.named("counter").withInitTimeout(Duration.ofSeconds(1)));
 * }</pre>
 *
 * @param name        the name to register the server under, or {@code null} for none
 * @param initTimeout how long start waits for {@code init}; past it the server is killed and start fails
 */
public record StartOptions(ProcessName name, Duration initTimeout) {
    /** How long start waits for {@code init} unless told otherwise. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(5);
    private static final StartOptions DEFAULTS = new StartOptions(null, DEFAULT_INIT_TIMEOUT);

    /** Checks the timeout. */
    public StartOptions {
        Objects.requireNonNull(initTimeout, "initTimeout");
        if (initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be positive: " + initTimeout);
        }
    }

    /**
     * No name; {@link #DEFAULT_INIT_TIMEOUT}.
     *
     * @return the shared default options
     */
    public static StartOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Registered under the local name {@code name}.
     *
     * @param name the name in the local registry, any value with {@code equals}
     * @return the defaults with that name
     */
    public static StartOptions named(Object name) {
        return DEFAULTS.withName(ProcessName.local(name));
    }

    /**
     * Registered under {@code name}, local or in another registry.
     *
     * @param name the name, in whichever registry it belongs to
     * @return the defaults with that name
     */
    public static StartOptions named(ProcessName name) {
        return DEFAULTS.withName(name);
    }

    /**
     * The same options with another name ({@code null}: none).
     *
     * @param name the name to register the server under before {@code init} runs, or {@code null} for none
     * @return a copy with that name
     */
    public StartOptions withName(ProcessName name) {
        return new StartOptions(name, initTimeout);
    }

    /**
     * The same options with another init timeout.
     *
     * @param initTimeout how long start waits for {@code init} before killing the server; positive
     * @return a copy with that init timeout
     */
    public StartOptions withInitTimeout(Duration initTimeout) {
        return new StartOptions(name, initTimeout);
    }
}
