package dev.peeper.supervisor;

import dev.peeper.server.CallFailedException;
import dev.peeper.server.ServerRef;
import java.time.Duration;

/**
 * How supervisor handles call their supervisor: without a call timeout (as OTP's supervisor API does, since
 * stopping a child may take its whole shutdown time; a dead supervisor still fails the call at once), and with a
 * refusal rethrown as the {@link SupervisorException} the supervisor gave.
 */
final class SupervisorCalls {
    static final Duration NO_TIMEOUT = Duration.ofDays(36_500);

    private SupervisorCalls() {
    }

    static <R> R call(ServerRef supervisor, SupervisorRequest request) {
        try {
            return supervisor.call(request, NO_TIMEOUT);
        } catch (CallFailedException e) {
            if (e.getCause() instanceof SupervisorException refusal) {
                // with the caller's stack, and its kind
                throw new SupervisorException(refusal.kind(), refusal.getMessage(), refusal.getCause());
            }
            throw e;
        }
    }
}
