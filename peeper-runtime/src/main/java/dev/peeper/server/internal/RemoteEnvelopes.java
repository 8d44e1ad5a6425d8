package dev.peeper.server.internal;

import dev.peeper.process.ExitReason;
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
     * A stop or {@link dev.peeper.server.Sys} request as it travels to a server on another member: its kind and, for a stop or a
     * terminate, the exit reason. Recreated there as the same stop or system call, so it keeps its place in the
     * queue (a stop after the messages sent before it, a system request ahead of them).
     *
     * @param kind   which request
     * @param reason the exit reason of {@code STOP} and {@code TERMINATE}; {@code null} for the others
     */
    public record Control(Kind kind, ExitReason reason) {
        /** The requests that travel: those that carry no code. */
        public enum Kind {
            /** {@link dev.peeper.server.ServerRef#stop}. */
            STOP,
            /** {@link dev.peeper.server.Sys#getState}. */
            GET_STATE,
            /** {@link dev.peeper.server.Sys#suspend}. */
            SUSPEND,
            /** {@link dev.peeper.server.Sys#resume}. */
            RESUME,
            /** {@link dev.peeper.server.Sys#statistics}. */
            GET_STATISTICS,
            /** {@link dev.peeper.server.Sys#terminate}. */
            TERMINATE
        }
    }

    /**
     * What to send to another member for a call: the request of a plain call, or a {@link Control} for a stop or a
     * system request.
     *
     * @param call a message {@link #isCall} accepted
     * @return what travels in its place
     * @throws UnsupportedOperationException for {@code Sys.replaceState}, {@code Sys.changeCode} and a handover,
     *                                       which carry code (a function, an implementation) that stays on its member
     */
    public static Object callRequest(Object call) {
        return ServerAccess.get().callRequest(call);
    }

    /**
     * A call of {@code request} to deliver to a local server in place of one made on another member: the future
     * completes with the reply, or fails with {@link CallFailedException} or {@link ServerExitException} as the
     * caller's call would. A {@link Control} becomes the stop or system call it stands for.
     *
     * @param request what {@link #callRequest} gave on the caller's member
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
