package dev.peeper.server.internal;

import dev.peeper.server.CallFailedException;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.util.concurrent.CompletableFuture;

/**
 * The server envelopes as a cluster carries them between members: a call is sent as its request and recreated on
 * the server's member as a local call whose answer goes back; a cast as its request. Internal: for
 * {@code dev.peeper.cluster}'s transport, not for applications.
 */
public final class RemoteEnvelopes {
    private RemoteEnvelopes() {
    }

    /**
     * Whether {@code message} is a call made by {@link ServerRef} (its answer goes to the caller's future).
     *
     * @param message any message
     * @return {@code true} for a call, plain, stop or system
     */
    public static boolean isCall(Object message) {
        return ServerAccess.get().isCall(message);
    }

    /**
     * The request of a plain call, to send to another member.
     *
     * @param call a message {@link #isCall} accepted
     * @return what the caller asked
     * @throws UnsupportedOperationException for a stop or system request, which cannot cross members yet
     */
    public static Object callRequest(Object call) {
        return ServerAccess.get().callRequest(call);
    }

    /**
     * A call of {@code request} to deliver to a local server in place of one made on another member: the future
     * completes with the reply, or fails with {@link CallFailedException} or {@link ServerExitException} as the
     * caller's call would.
     *
     * @param request what the remote caller asked
     * @return the call, to deliver to the server; it completes with the answer
     */
    public static CompletableFuture<Object> newCall(Object request) {
        return ServerAccess.get().newCall(request);
    }

    /**
     * The request of a cast.
     *
     * @param message any message
     * @return its request, or {@code null} if {@code message} is not a cast
     */
    public static Object castRequest(Object message) {
        return ServerAccess.get().castRequest(message);
    }

    /**
     * A cast of {@code request}, to deliver to a local server in place of one sent on another member.
     *
     * @param request what the remote sender cast
     * @return the cast, to deliver to the server
     */
    public static Object newCast(Object request) {
        return ServerAccess.get().newCast(request);
    }
}
