package dev.peeper.server;

/** The server answered the call with a failure, through {@link From#fail(Throwable)}; the cause is that failure. */
public non-sealed class CallFailedException extends CallException {
    private static final long serialVersionUID = 1L;

    /**
     * The failure a server answered a call with.
     *
     * @param cause the failure the server answered with
     */
    public CallFailedException(Throwable cause) {
        super("the server answered with a failure: " + cause, cause);
    }
}
