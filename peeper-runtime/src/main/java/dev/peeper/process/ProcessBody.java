package dev.peeper.process;

/**
 * The code a process runs. Returning ends the process with reason {@code normal}; an exception ends it with
 * that exception as a {@link ExitReason.Crash crash} reason.
 */
@FunctionalInterface
public interface ProcessBody {
    /**
     * Runs the process.
     *
     * @throws Exception anything; the process then ends with it as a {@link ExitReason.Crash crash} reason
     */
    void run() throws Exception;
}
