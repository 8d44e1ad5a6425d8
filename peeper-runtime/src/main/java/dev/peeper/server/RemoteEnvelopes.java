package dev.peeper.server;

import dev.peeper.process.ExitReason;
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
     * A stop or {@link Sys} request as it travels to a server on another member: its kind and, for a stop or a
     * terminate, the exit reason. Recreated there as the same stop or system call, so it keeps its place in the
     * queue (a stop after the messages sent before it, a system request ahead of them).
     *
     * @param kind   which request
     * @param reason the exit reason of {@code STOP} and {@code TERMINATE}; {@code null} for the others
     */
    public record Control(Kind kind, ExitReason reason) {
        /** The requests that travel: those that carry no code. */
        public enum Kind {
            /** {@link ServerRef#stop}. */
            STOP,
            /** {@link Sys#getState}. */
            GET_STATE,
            /** {@link Sys#suspend}. */
            SUSPEND,
            /** {@link Sys#resume}. */
            RESUME,
            /** {@link Sys#statistics}. */
            GET_STATISTICS,
            /** {@link Sys#terminate}. */
            TERMINATE
        }
    }

    /**
     * What to send to another member for a call: the request of a plain call, or a {@link Control} for a stop or a
     * system request.
     *
     * @param call a call made by {@link ServerRef}, as {@link #isCall} recognised it
     * @return what travels in its place
     * @throws UnsupportedOperationException for {@code Sys.replaceState}, {@code Sys.changeCode} and a handover,
     *                                       which carry code (a function, an implementation) that stays on its member
     */
    public static Object callRequest(Object call) {
        Call plain = (Call) call;
        if (plain instanceof StopCall stop) {
            return new Control(Control.Kind.STOP, stop.reason);
        }
        if (plain instanceof SystemCall system) {
            return control((SystemRequest) system.request);
        }
        return plain.request;
    }

    private static Control control(SystemRequest request) {
        return switch (request) {
            case SystemRequest.GetState get -> new Control(Control.Kind.GET_STATE, null);
            case SystemRequest.Suspend suspend -> new Control(Control.Kind.SUSPEND, null);
            case SystemRequest.Resume resume -> new Control(Control.Kind.RESUME, null);
            case SystemRequest.GetStatistics statistics -> new Control(Control.Kind.GET_STATISTICS, null);
            case SystemRequest.Terminate terminate -> new Control(Control.Kind.TERMINATE, terminate.reason());
            case SystemRequest.ReplaceState replace -> throw new UnsupportedOperationException("Sys.replaceState "
                    + "cannot reach a server on another member: its function stays on this one. Call it on the "
                    + "server's own member, or send the server an ordinary call that replaces its state");
            case SystemRequest.ChangeCode change -> throw new UnsupportedOperationException("Sys.changeCode cannot "
                    + "reach a server on another member: its implementation stays on this one. Call it on the "
                    + "server's own member");
            case SystemRequest.HandOver handOver -> throw new UnsupportedOperationException("a handover cannot "
                    + "reach a server on another member; transfer it on its own member");
        };
    }

    /**
     * A call of {@code request} to deliver to a local server in place of one made on another member: the future
     * completes with the reply, or fails with {@link CallFailedException} or {@link ServerExitException} as the
     * caller's call would. A {@link Control} becomes the stop or system call it stands for.
     *
     * @param request what {@link #callRequest} gave on the caller's member
     * @return the call to deliver to the local server; its outcome goes back to the caller
     */
    public static CompletableFuture<Object> newCall(Object request) {
        if (!(request instanceof Control control)) {
            return new Call(request);
        }
        return switch (control.kind()) {
            case STOP -> new StopCall(control.reason());
            case GET_STATE -> new SystemCall(new SystemRequest.GetState());
            case SUSPEND -> new SystemCall(new SystemRequest.Suspend());
            case RESUME -> new SystemCall(new SystemRequest.Resume());
            case GET_STATISTICS -> new SystemCall(new SystemRequest.GetStatistics());
            case TERMINATE -> new SystemCall(new SystemRequest.Terminate(control.reason()));
        };
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
