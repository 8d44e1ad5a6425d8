package dev.peeper.server;

import java.time.Duration;

/**
 * No reply came within the call's timeout. The request stays queued and may still be handled (a late reply is
 * dropped): make requests safe to repeat, or raise the timeout with the {@code Duration} overload.
 */
public non-sealed class CallTimeoutException extends CallException {
    private static final long serialVersionUID = 1L;

    /**
     * A call that got no reply in time.
     *
     * @param server  the server called
     * @param request the request sent
     * @param timeout how long the caller waited
     */
    public CallTimeoutException(Object server, Object request, Duration timeout) {
        super("no reply from " + server + " within " + timeout + " to " + request
                + "; the server is busy or stuck, or the timeout is too short for this request", null);
    }
}
