/**
 * The generic server, OTP's {@code gen_server}: {@link dev.peeper.server.GenServers} starts a
 * {@link dev.peeper.server.Dispatcher} (the callbacks) as a process that serves calls, casts and other messages;
 * {@link dev.peeper.server.ServerRef} talks to it and {@link dev.peeper.server.Sys} inspects it.
 *
 * <p>Who the types are for:
 * <ul>
 *   <li><b>User API</b>: {@code GenServers}, {@code ServerRef}, {@code Sys}, {@code StartOptions},
 *       {@code ServerStatistics}, {@code MonitoredServer}, the callback results {@code Result}, {@code Reply},
 *       {@code Next}, {@code Stop} and {@code After}, {@code From}, {@code IdleTimeout}, and the exceptions
 *       ({@code StartException}, {@code CallException} and its three kinds, {@code BadReturnException}).</li>
 *   <li><b>Implemented by users or generated code</b>: {@code Dispatcher}, which the annotation processor
 *       generates from a {@code @GenServer} class, or which a class implements by hand.</li>
 *   <li><b>Internal</b>: the package-private loop, calls, timeouts and system requests. What runtimes built on
 *       the loop need (Peeper servers, the cluster's transport) is in {@code dev.peeper.server.internal}, which the
 *       module does not export.</li>
 * </ul>
 */
package dev.peeper.server;
