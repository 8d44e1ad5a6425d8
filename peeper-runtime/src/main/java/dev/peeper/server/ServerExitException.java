package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serial;

/**
 * The server ended before it answered: it crashed on this request or an earlier one, stopped, or was not alive
 * when called ({@code noproc}). {@link #reason()} says why; for a crash, {@link #getCause()} is the exception
 * that ended it.
 */
public non-sealed class ServerExitException extends CallException {
    private static final long serialVersionUID = 1L;
    /** The reason a call fails with when the node of its server leaves or cannot be reached. */
    private static final ExitReason NOCONNECTION = ExitReason.of("noconnection");

    private final transient Pid server;
    private final transient ExitReason reason;
    /** The message once built; see {@link #getMessage()}. */
    private String message;

    /**
     * A call whose server ended before it answered.
     *
     * @param server the server called
     * @param reason why it ended
     */
    public ServerExitException(Pid server, ExitReason reason) {
        this(server, reason, true);
    }

    ServerExitException(Pid server, ExitReason reason, boolean writableStackTrace) {
        super(null, reason.cause(), writableStackTrace);
        this.server = server;
        this.reason = reason;
    }

    /**
     * Built when first asked for, not when thrown: on the crash path the exception is often copied or caught without
     * its message being read, and formatting the pid and the reason showed in the crash path's allocation profile.
     */
    @Override
    public String getMessage() {
        String text = message;
        if (text == null && reason != null) {
            text = "server " + server + (reason instanceof ExitReason.NoProc ? " is not alive"
                    : NOCONNECTION.equals(reason) ? " was lost with its node (noconnection) before it answered: the "
                    + "request may have been handled; it was not repeated" : " exited: " + reason);
            message = text; // a benign race: every thread builds the same string
        }
        return text;
    }

    /**
     * The pid and the reason are not serialized, so the message travels instead.
     *
     * @param out the stream to write to
     * @throws IOException if the stream fails
     */
    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        getMessage();
        out.defaultWriteObject();
    }

    /** {@return the server that ended} */
    public Pid server() {
        return server;
    }

    /** {@return why it ended} */
    public ExitReason reason() {
        return reason;
    }
}
