package dev.peeper.process;

/**
 * The message a monitor delivers, once, when the watched process ends, Erlang's
 * {@code {'DOWN', Ref, process, Pid, Reason}}. If the process was already gone when the monitor was set, the
 * reason is {@link ExitReason#noproc()}.
 *
 * @param ref    the monitor that fired
 * @param pid    the process that ended
 * @param reason why it ended
 */
public record Down(MonitorRef ref, Pid pid, ExitReason reason) {
}
