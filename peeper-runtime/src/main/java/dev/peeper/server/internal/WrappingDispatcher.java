package dev.peeper.server.internal;

import dev.peeper.server.Dispatcher;

/**
 * A dispatcher that wraps the implementation a user wrote to add a runtime's own work around it, as the cluster's
 * does (its first start resumes from the replicated state, and each worker registers where its member finds the
 * server's callbacks). A code change keeps the wrapper: the server installs the new implementation wrapped as the
 * old one was ({@link #around}), and a Peeper server's later restarts build it wrapped too. Without this, an upgrade
 * would install the bare implementation, and the wrapper's work would stop for good.
 */
public interface WrappingDispatcher {
    /**
     * {@return the same wrapper, around {@code implementation}}
     *
     * @param implementation the implementation a code change installs, as the user gave it
     */
    Dispatcher<?> around(Dispatcher<?> implementation);

    /** {@return the implementation this wraps, as the user gave it} */
    Dispatcher<?> wrapped();
}
