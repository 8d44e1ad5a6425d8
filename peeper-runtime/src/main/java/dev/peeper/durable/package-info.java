/**
 * Peeper servers: generic servers whose state survives crashes of their worker. {@link dev.peeper.durable.Peeper}
 * starts one (the generated {@code XClient.start} calls it), {@link dev.peeper.durable.PeeperRef} talks to it, and
 * a {@link dev.peeper.durable.StateListener} hears its state changes.
 *
 * <p>Who the types are for:
 * <ul>
 *   <li><b>User API</b>: {@code Peeper}, {@code PeeperRef}, {@code PeeperOptions}, {@code PeeperStatistics},
 *       {@code TransferException}.</li>
 *   <li><b>Implemented by users</b>: {@code StateListener}.</li>
 *   <li><b>Internal</b>: the package-private server front and listener relay.</li>
 * </ul>
 */
package dev.peeper.durable;
