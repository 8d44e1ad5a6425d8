package dev.peeper.server;

import dev.peeper.process.internal.SystemMessage;

/** A call carrying a {@link SystemRequest}: served before user messages, and even while suspended. */
final class SystemCall extends Call implements SystemMessage {
    SystemCall(SystemRequest request) {
        super(request);
    }
}
