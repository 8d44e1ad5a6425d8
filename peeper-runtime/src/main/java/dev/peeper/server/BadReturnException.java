package dev.peeper.server;

/**
 * A callback returned {@code null} or a result its kind may not return (a {@link Reply} from
 * {@code handleCast}, say). The server stops with this exception as its crash reason.
 */
public class BadReturnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A callback's result that the loop cannot use.
     *
     * @param callback the callback, e.g. {@code "handleCast"}
     * @param returned what it returned
     * @param allowed  what it may return
     */
    public BadReturnException(String callback, Object returned, String allowed) {
        super("bad return from " + callback + ": " + (returned == null ? "null" : returned.getClass().getSimpleName()
                + " " + returned) + "; " + callback + " must return " + allowed);
    }
}
