package dev.peeper.supervisor;

import dev.peeper.process.Pid;

/**
 * Starts a child, linked to the calling process (the supervisor), and returns its pid. Runs on the supervisor's
 * own process, so {@code startLink} variants link to it. Returning {@code null} means "ignore": the child is
 * kept as a spec with no process, as OTP's {@code ignore}. Throwing means the start failed.
 *
 * <pre>{@code
 * ChildStart start = () -> GenServers.startLink(new Counter(), 0, StartOptions.named("counter")).pid();
 * }</pre>
 */
@FunctionalInterface
public interface ChildStart {
    /**
     * Starts the child linked to the caller; {@code null} to ignore it.
     *
     * @return the child's pid, or {@code null} to leave it out (OTP's {@code ignore}); the supervisor keeps the spec
     * @throws Exception anything; the start counts as failed, and the supervisor's start or restart fails with it
     */
    Pid start() throws Exception;
}
