package dev.peeper.process;

/**
 * The target of an operation is not (or no longer) a live process: a dead pid, or a name that nothing is
 * registered under. Check the pid or name; a server that may be restarting is best reached by its name.
 */
public class NoProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An operation on a process that is not alive.
     *
     * @param message what was looked for and where
     */
    public NoProcessException(String message) {
        super(message);
    }
}
