package dev.peeper.server;

/**
 * A call ended without a reply. The subclass says why, and there are exactly three, so a switch over them needs no
 * default:
 *
 * <pre>{@code
 * try {
 *     return counter.get();
 * } catch (CallException e) {
 *     return switch (e) {
 *         case CallTimeoutException timeout -> cached;             // busy: the request may still be handled
 *         case ServerExitException exit -> restartAndRetry(exit);  // ended, or was not alive (noproc)
 *         case CallFailedException failed -> throw failed;        // answered with a failure: the cause says which
 *     };
 * }
 * }</pre>
 */
public abstract sealed class CallException extends RuntimeException
        permits CallTimeoutException, ServerExitException, CallFailedException {
    private static final long serialVersionUID = 1L;

    CallException(String message, Throwable cause) {
        super(message, cause);
    }

    CallException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, true, writableStackTrace);
    }
}
