package dev.peeper.server;

import dev.peeper.process.MonitorRef;

/**
 * A server started by {@link GenServers#startMonitor}, with the monitor that will deliver its
 * {@link dev.peeper.process.Down} message.
 *
 * @param server  the server
 * @param monitor the caller's monitor on it
 */
public record MonitoredServer(ServerRef server, MonitorRef monitor) {
}
