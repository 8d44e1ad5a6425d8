package dev.peeper.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a generic server. At compile time {@code peeper-processor} reads its callbacks and generates
 * a typed client ({@code CounterClient} for {@code Counter}) and a dispatch table ({@code Counter_Dispatcher});
 * no reflection happens at run time. The client starts the class as a <em>Peeper server</em>: its worker may
 * crash or be killed, and the next one resumes from the state the last completed callback returned.
 *
 * <pre>{@code
 * @GenServer
 * public class Counter {
 *     public record Get() {}
 *     public record Add(int by) {}
 *
 *     Integer init(Integer start) { return start; }
 *
 *     Reply<Integer, Integer> handleCall(Get get, Integer count) { return Reply.of(count, count); }
 *     Next<Integer> handleCast(Add add, Integer count) { return Next.of(count + add.by()); }
 * }
 *
 * CounterClient counter = CounterClient.start(0);
 * counter.add(5);               // a cast, built from record Add(int by)
 * int value = counter.get();    // a call; get(Duration) and getAsync() too
 * Proc.exit(counter.worker(), ExitReason.kill());
 * counter.get();                // still 5; counter.statistics().restarts() is 1
 * }</pre>
 *
 * <h2>Callbacks</h2>
 * Callbacks are found by name; each is a non-private instance method. {@code S} is the state type, fixed by
 * {@code init}; {@code M} is a message type (one overload per message type; an {@code Object} overload catches
 * the rest).
 * <table>
 *   <caption>The callbacks a server class may declare</caption>
 *   <tr><th>callback</th><th>parameters</th><th>returns</th></tr>
 *   <tr><td>{@code init} (required, exactly one)</td><td>{@code ()} or {@code (A argument)}</td>
 *       <td>{@code S}, {@code Next<S>} or {@code Result<S>} ({@code Stop} refuses the start)</td></tr>
 *   <tr><td>{@code handleCall}</td><td>{@code (M, S)} or {@code (M, From<R>, S)} to reply later</td>
 *       <td>{@code Reply<R, S>}, {@code Next<S>} (with a {@code From}), {@code Stop<S>} or {@code Result<S>}</td></tr>
 *   <tr><td>{@code handleCast}, {@code handleInfo}, {@code handleContinue}</td><td>{@code (M, S)}</td>
 *       <td>{@code Next<S>}, {@code Stop<S>} or {@code Result<S>}</td></tr>
 *   <tr><td>{@code terminate}</td><td>{@code (ExitReason, S)}</td><td>{@code void}</td></tr>
 *   <tr><td>{@code restore} (instead of {@code init} when a crashed worker is restarted)</td>
 *       <td>{@code (S kept, ExitReason lastExit)}</td><td>{@code S}</td></tr>
 *   <tr><td>{@code codeChange}</td><td>{@code (Object oldVersion, S, Object extra)}</td><td>{@code S}</td></tr>
 *   <tr><td>{@code codeChange} overloads that migrate, on an upgrade, from the state type of older code</td>
 *       <td>{@code (Object oldVersion, Old old, Object extra)}, {@code Old} being no subtype of {@code S} (an old
 *       state already an {@code S} goes to the one above)</td><td>{@code S}</td></tr>
 *   <tr><td>{@code copyState} (with {@link StateCopyMode#COPY_METHOD})</td><td>{@code (S)}</td><td>{@code S}</td></tr>
 * </table>
 *
 * <p>Callbacks are found by their exact names, so a method that looks like a misspelled one ({@code handleCasts},
 * {@code handle_call}, {@code init2}, or any non-private method returning {@code Next}, {@code Reply},
 * {@code Stop} or {@code Result}) is an error ({@code [GenServerMisspelledCallback]}); keep helpers private.
 *
 * <h2>Messages and the client</h2>
 * A record message gives a client method taking its components ({@code record Add(int by)} gives
 * {@code add(int by)}, a varargs component stays varargs); any other message type is taken whole. A handler taking
 * a sealed type gets one method per permitted subtype instead ({@code Reply<Long, Long> handleCall(Command c, Long
 * balance)} with {@code sealed interface Command permits Deposit, Withdraw} gives {@code deposit(long)} and
 * {@code withdraw(long)}; a permitted subtype that is not a record is taken whole), while dispatch stays one
 * type-switch arm. Callers must be able to create a message: an inner (non-static) class is refused.
 *
 * <h2>Errors</h2>
 * A checked exception a {@code handleCall} declares is a business error: the server answers the call with it
 * and carries on with its state unchanged, nothing counts as a restart, and the client method declares it and
 * throws that very exception (its async variant fails its future with it). Unchecked exceptions (and any exception from another callback) are crashes: the
 * worker ends and is restarted.
 *
 * <p>The class must be a top-level or static nested class, not private, not abstract, not generic (annotate
 * a non-generic subclass instead), with a non-private constructor without parameters: every worker, first or
 * restarted, gets a fresh instance, so nothing a crashed worker left in its fields reaches the next one. Keep
 * what must survive in the state.
 *
 * <p>Retention is {@code CLASS}: nothing reads it at run time, but build tools (such as Gradle's incremental
 * compiler) and later compilations can still see which classes are servers.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GenServer {
    /**
     * The simple name of the generated client, in the server's package. Empty (the default) means the server's
     * name followed by {@code Client}; a nested server joins its enclosing names with {@code _}, so
     * {@code Shop.Cart} gets {@code Shop_CartClient}.
     *
     * @return the client's simple name, or {@code ""} for the derived one
     */
    String clientName() default "";

    /**
     * How long the client's blocking calls wait for a reply unless given a {@code Duration}: an ISO-8601
     * duration ({@code "PT30S"}) or a number with a unit, {@code ms}, {@code s}, {@code m} or {@code h}
     * ({@code "500ms"}, {@code "30s"}). Empty (the default) means the runtime's default, 5 seconds.
     *
     * @return the default call timeout as text, or {@code ""} for the runtime's default
     */
    String callTimeout() default "";

    /**
     * How the keeper holds the state between callbacks; see {@link StateCopyMode}.
     *
     * @return the copy mode; {@link StateCopyMode#SHARE} unless set
     */
    StateCopyMode stateCopy() default StateCopyMode.SHARE;
}
