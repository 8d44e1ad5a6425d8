/**
 * Internal: the generic loop for runtimes that run servers their own way ({@link
 * dev.peeper.server.internal.ServerLoops}, told of every completed state through {@link
 * dev.peeper.server.internal.LoopHooks}, as Peeper servers are), the wrapper such a runtime puts around a user's
 * implementation, which a code change keeps ({@link dev.peeper.server.internal.WrappingDispatcher}), and the server
 * envelopes as a cluster carries them between members ({@link dev.peeper.server.internal.RemoteEnvelopes}). The
 * module exports this package only to {@code dev.peeper.cluster}; it is not a stable API.
 */
package dev.peeper.server.internal;
