package dev.peeper.supervisor;

/**
 * A supervisor refused a request: an unknown child id, a child that must be stopped first, a duplicate id, a
 * child that failed to start, too many children. The message says which and what to do.
 */
public class SupervisorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why */
    public SupervisorException(String message) {
        super(message);
    }

    /**
     * @param message what was refused and why
     * @param cause   the underlying failure, such as a child's start exception
     */
    public SupervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}
