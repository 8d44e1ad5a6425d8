package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;

/**
 * The server ended before it answered: it crashed on this request or an earlier one, stopped, or was not alive
 * when called ({@code noproc}). {@link #reason()} says why; for a crash, {@link #getCause()} is the exception
 * that ended it.
 */
public class ServerExitException extends CallException {
    private static final long serialVersionUID = 1L;

    private final transient Pid server;
    private final transient ExitReason reason;

    /**
     * @param server the server called
     * @param reason why it ended
     */
    public ServerExitException(Pid server, ExitReason reason) {
        this(server, reason, true);
    }

    ServerExitException(Pid server, ExitReason reason, boolean writableStackTrace) {
        super("server " + server + (reason instanceof ExitReason.NoProc ? " is not alive" : " exited: " + reason),
                reason.cause(), writableStackTrace);
        this.server = server;
        this.reason = reason;
    }

    /** The server that ended. */
    public Pid server() {
        return server;
    }

    /** Why it ended. */
    public ExitReason reason() {
        return reason;
    }
}
