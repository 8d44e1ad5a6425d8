package dev.peeper.server;

/**
 * What a server callback returns: the new state, and whether to reply, wait, or stop. The three kinds mirror
 * {@code gen_server}'s {@code {reply, R, S}}, {@code {noreply, S}} and {@code {stop, Reason, ...}}.
 *
 * <table>
 *   <caption>Which callback may return which result</caption>
 *   <tr><th>callback</th><th>{@link Reply}</th><th>{@link Next}</th><th>{@link Stop}</th></tr>
 *   <tr><td>{@code init}</td><td>no</td><td>yes: started</td><td>yes: start fails</td></tr>
 *   <tr><td>{@code handleCall}</td><td>yes</td><td>yes: reply later through {@link From}</td><td>yes</td></tr>
 *   <tr><td>{@code handleCast}, {@code handleInfo}, {@code handleContinue}</td><td>no</td><td>yes</td><td>yes</td></tr>
 * </table>
 *
 * @param <S> the server's state type
 */
public sealed interface Result<S> permits Reply, Next, Stop {
    /** {@return the state the server keeps after this result (for {@link Stop}: the state passed to terminate)} */
    S state();
}
