package dev.peeper.server;

import java.util.concurrent.CompletableFuture;

/**
 * The server envelopes as the cluster module carries them between members: a call is sent as its request and
 * recreated on the server's member as a local call whose answer goes back; a cast as its request. Internal: for
 * the cluster module's transport, not for applications.
 */
public final class RemoteEnvelopes {
    private RemoteEnvelopes() {
    }

    /** Whether {@code message} is a call made by {@link ServerRef} (its answer goes to the caller's future). */
    public static boolean isCall(Object message) {
        return message instanceof Call;
    }

    /**
     * The request of a plain call, to send to another member.
     *
     * @throws UnsupportedOperationException for a stop or system request, which cannot cross members yet
     */
    public static Object callRequest(Object call) {
        Call plain = (Call) call;
        if (plain instanceof StopCall || plain instanceof SystemCall) {
            throw new UnsupportedOperationException(plain.request + " cannot be sent to a server on another member "
                    + "yet; stop it from its own member, or send it an ordinary call that makes it stop");
        }
        return plain.request;
    }

    /**
     * A call of {@code request} to deliver to a local server in place of one made on another member: the future
     * completes with the reply, or fails with {@link CallFailedException} or {@link ServerExitException} as the
     * caller's call would.
     */
    public static CompletableFuture<Object> newCall(Object request) {
        return new Call(request);
    }

    /** The request of a cast, or {@code null} if {@code message} is not one. */
    public static Object castRequest(Object message) {
        return message instanceof Cast cast ? cast.request() : null;
    }

    /** A cast of {@code request}, to deliver to a local server in place of one sent on another member. */
    public static Object newCast(Object request) {
        return new Cast(request);
    }
}
