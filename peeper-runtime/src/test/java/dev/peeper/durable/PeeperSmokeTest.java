package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.ServerExitException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeeperSmokeTest {
    static final class Counter implements Dispatcher<Integer> {
        public Result<Integer> init(Object start) { return Next.of((Integer) start); }
        public Result<Integer> handleCall(Object request, From<Object> from, Integer n) {
            if (request.equals("crash")) throw new IllegalStateException("boom");
            return Reply.of(n, n);
        }
        public Result<Integer> handleCast(Object request, Integer n) { return Next.of(n + (Integer) request); }
    }

    @Test
    void stateSurvivesCrashAndKill() throws Exception {
        PeeperRef c = Peeper.start(Counter::new, 1);
        c.cast(5);
        assertThatThrownBy(() -> c.call("crash")).isInstanceOf(ServerExitException.class);
        int v = c.call("get");
        assertThat(v).isEqualTo(6);
        Pid w = c.worker();
        c.cast(4);
        Proc.exit(w, ExitReason.kill());
        Proc.awaitExit(w, Duration.ofSeconds(5));
        int after = c.call("get");
        assertThat(after).isEqualTo(10);
        assertThat(c.statistics().restarts()).isEqualTo(2);
        c.stop();
        assertThat(c.isAlive()).isFalse();
    }
}
