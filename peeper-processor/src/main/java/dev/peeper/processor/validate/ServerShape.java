package dev.peeper.processor.validate;

import dev.peeper.processor.find.Callback;
import dev.peeper.processor.find.ServerSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * A server class that passed every check, read into what the generated code needs; still in terms of
 * elements and type mirrors (the model stage turns it into names).
 *
 * @param source      the class as found
 * @param clientName  the client's simple name
 * @param callTimeout the client's default call timeout, if the annotation sets one
 * @param state       the state type
 * @param init        the init callback
 * @param handlers    the handler callbacks, in source order
 * @param terminate   the terminate callback, if declared
 * @param codeChange  the codeChange callback that keeps the state type, if declared
 * @param migrations  the codeChange overloads that migrate an old state of another type, in source order
 * @param restore     the restore callback, if declared
 * @param copyState   the copyState callback, if {@code @GenServer(stateCopy = COPY_METHOD)}
 * @param handoff     the handoff callback, if declared
 * @param resolveConflict the resolveConflict callback, if declared
 */
public record ServerShape(ServerSource source, String clientName, Optional<Duration> callTimeout, TypeMirror state,
                          InitShape init, List<HandlerShape> handlers, Optional<Callback> terminate,
                          Optional<Callback> codeChange, List<Callback> migrations, Optional<Callback> restore,
                          Optional<Callback> copyState, Optional<Callback> handoff,
                          Optional<Callback> resolveConflict) {

    /**
     * The init callback read.
     *
     * @param callback the method
     * @param argument the start argument's type, if init takes one
     * @param returnsResult whether it returns a {@code Result} ({@code Next} or {@code Result}) rather than the
     *                 state itself
     */
    public record InitShape(Callback callback, Optional<TypeMirror> argument, boolean returnsResult) {
    }

    /**
     * A handler callback read.
     *
     * @param callback  the method
     * @param message   its message type; {@code java.lang.Object} for the catch-all
     * @param catchAll  whether it takes {@code Object}, catching messages no other overload takes
     * @param takesFrom whether it takes a {@code From} (only {@code handleCall})
     * @param reply     the reply type of a {@code handleCall}; {@code null} for the other kinds
     */
    public record HandlerShape(Callback callback, TypeMirror message, boolean catchAll, boolean takesFrom,
                               TypeMirror reply) {
    }
}
