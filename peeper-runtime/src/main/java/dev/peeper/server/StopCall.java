package dev.peeper.server;

import dev.peeper.process.ExitReason;

/**
 * A request to stop, sent by {@link ServerRef#stop}. An ordinary message, not a system one, so it is served in
 * its turn: what was queued before it is handled first, as with OTP's {@code gen_server:stop}.
 */
final class StopCall extends Call {
    final ExitReason reason;

    StopCall(ExitReason reason) {
        super("stop(" + reason + ")");
        this.reason = reason;
    }
}
