/**
 * Internal: what runtimes built on processes need and applications do not. {@link
 * dev.peeper.process.internal.Host} is a process without a thread (a Peeper server's pid and mailbox), whose work
 * its delegates do; {@link dev.peeper.process.internal.InternalProc} holds the operations of {@code Proc} that only
 * such runtimes use; {@link dev.peeper.process.internal.Transport} and {@link dev.peeper.process.internal.RemoteNodes}
 * are where a cluster plugs in. The module exports this package only to {@code dev.peeper.cluster}; it is not a
 * stable API.
 */
package dev.peeper.process.internal;
