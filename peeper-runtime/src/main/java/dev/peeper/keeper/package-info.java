/**
 * Keepers: where a Peeper server keeps the last good state while its worker is restarted.
 *
 * <p>Who the types are for:
 * <ul>
 *   <li><b>User API</b>: {@code Keepers} (the keepers this runtime provides), {@code StateCopy} (how a mutable
 *       state is copied before it is kept).</li>
 *   <li><b>SPI, for other keepers</b> (a replicated one, say): {@code Keeper} and {@code KeeperFactory}, passed
 *       to a server with {@code PeeperOptions.withKeeper}.</li>
 * </ul>
 */
package dev.peeper.keeper;
