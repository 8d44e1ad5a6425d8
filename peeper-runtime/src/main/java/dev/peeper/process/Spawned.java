package dev.peeper.process;

/**
 * A process started with a monitor, as {@link Proc#spawnMonitor(ProcessBody)} returns it.
 *
 * @param pid     the new process
 * @param monitor the monitor that will deliver its {@link Down} message
 */
public record Spawned(Pid pid, MonitorRef monitor) {
}
