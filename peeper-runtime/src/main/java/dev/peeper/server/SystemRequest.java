package dev.peeper.server;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import java.util.function.UnaryOperator;

/** The {@code sys}-style requests a server serves before any user message; see {@link Sys}. */
sealed interface SystemRequest {
    record GetState() implements SystemRequest {
    }

    record ReplaceState(UnaryOperator<Object> change) implements SystemRequest {
    }

    record Suspend() implements SystemRequest {
    }

    record Resume() implements SystemRequest {
    }

    record GetStatistics() implements SystemRequest {
    }

    record ChangeCode(Dispatcher<?> implementation, Object oldVersion, Object extra) implements SystemRequest {
    }

    record Terminate(ExitReason reason) implements SystemRequest {
    }

    record HandOver(Pid successor, ExitReason reason) implements SystemRequest {
    }
}
