package dev.peeper.process;

/**
 * An exit signal turned into a message, Erlang's {@code {'EXIT', From, Reason}}: what a process that
 * {@linkplain Proc#trapExit(boolean) traps exits} receives instead of dying when a linked process ends or
 * when another process calls {@link Proc#exit(Pid, ExitReason)} on it.
 *
 * @param from   the process the signal came from
 * @param reason the signal's reason ({@link ExitReason#killed()} when the linked process was killed)
 */
public record ExitSignal(Pid from, ExitReason reason) {
}
