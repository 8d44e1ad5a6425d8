package dev.peeper.process;

/**
 * Unwinds a process that is ending with {@link #reason()}: thrown by {@link Proc#exit(ExitReason)} and by
 * {@link Proc#receive()} when an exit signal has ended the process. Code that catches it should rethrow it;
 * if it does not, the process still ends with the same reason at its next receive.
 */
public final class ProcessExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ExitReason reason;

    /**
     * Ends the current process with {@code reason} when thrown out of its body.
     *
     * @param reason why the process ends
     */
    public ProcessExit(ExitReason reason) {
        super(null, reason.cause(), false, false);
        this.reason = reason;
    }

    /** Built when asked, not when thrown: most are never printed, and a reason's text may be costly. */
    @Override
    public String getMessage() {
        return "process exit: " + reason;
    }

    /** {@return why the process ends} */
    public ExitReason reason() {
        return reason;
    }
}
