package dev.peeper.server;

/** A call ended without a reply. The subclass says why: timeout, the server ended, or it answered a failure. */
public abstract class CallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallException(String message, Throwable cause) {
        super(message, cause);
    }

    CallException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, true, writableStackTrace);
    }
}
