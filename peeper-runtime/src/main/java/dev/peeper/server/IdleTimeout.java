package dev.peeper.server;

/**
 * The message {@code handleInfo} receives when a server asked for an idle timeout ({@code Next.of(s).timeout(d)})
 * and no message arrived in time; Erlang's {@code timeout} info message.
 */
public record IdleTimeout() {
    /** The one instance the runtime sends. */
    public static final IdleTimeout INSTANCE = new IdleTimeout();
}
