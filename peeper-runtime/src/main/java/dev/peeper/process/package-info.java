/**
 * Processes, Erlang-style: {@link dev.peeper.process.Proc} spawns, sends, receives, links, monitors and exits;
 * {@link dev.peeper.process.Pid}, {@link dev.peeper.process.ExitReason}, {@link dev.peeper.process.Down} and
 * {@link dev.peeper.process.ExitSignal} are what those operations take and return.
 *
 * <p>Who the types are for:
 * <ul>
 *   <li><b>User API</b>: {@code Proc} (except the members named below), {@code Pid}, {@code ExitReason},
 *       {@code ExitSignal}, {@code Down}, {@code MonitorRef}, {@code TimerRef}, {@code SpawnOptions},
 *       {@code Spawned}, {@code ProcessBody}, {@code ProcessExit}, {@code NoProcessException}.</li>
 *   <li><b>Internal</b>: the package-private mailbox, queue, timers and process core. What runtimes built on
 *       processes need besides the API (hosts and delegates, the mailbox's system lane, clean-ups at exit, the
 *       cluster's transport) is in {@code dev.peeper.process.internal}, which the module does not export.</li>
 * </ul>
 */
package dev.peeper.process;
