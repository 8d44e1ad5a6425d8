package dev.peeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmokeTest {
    static final class Counter implements Dispatcher<Integer> {
        public Result<Integer> init(Object start) { return Next.of((Integer) start); }
        public Result<Integer> handleCall(Object request, From<Object> from, Integer n) {
            if (request.equals("crash")) throw new IllegalStateException("boom");
            return Reply.of(n, n);
        }
        public Result<Integer> handleCast(Object request, Integer n) { return Next.of(n + (Integer) request); }
    }

    @Test
    void counter() {
        ServerRef c = GenServers.start(new Counter(), 1);
        c.cast(5);
        int v = c.call("get");
        assertThat(v).isEqualTo(6);
        assertThat((Integer) Sys.getState(c)).isEqualTo(6);
        assertThatThrownBy(() -> c.call("crash")).isInstanceOf(ServerExitException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.call("get")).isInstanceOf(ServerExitException.class);
    }
}
