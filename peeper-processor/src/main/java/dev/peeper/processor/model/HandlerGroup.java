package dev.peeper.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * The overloads of one handler callback.
 *
 * @param typed    the overloads taking a specific message type, most specific type first (the order of the
 *                 dispatcher's type switch); unrelated types in a stable order
 * @param catchAll the overload taking {@code Object}, if any
 */
public record HandlerGroup(List<HandlerModel> typed, Optional<HandlerModel> catchAll) {
    /** No overloads at all. */
    public boolean isEmpty() {
        return typed.isEmpty() && catchAll.isEmpty();
    }
}
