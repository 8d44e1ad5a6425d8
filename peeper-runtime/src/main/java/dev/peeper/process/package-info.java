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
 *   <li><b>SPI, for runtimes built on processes</b> (the generic server and Peeper servers use them; application
 *       code does not need them): {@code Host} and {@code Proc.spawnDelegate}, {@code SystemMessage} and
 *       {@code Proc.receiveSystem}, {@code AwaitsDelivery}, {@code Proc.onExit}.</li>
 *   <li><b>Internal</b>: the package-private mailbox, queue, timers and process core.</li>
 * </ul>
 */
package dev.peeper.process;
