package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.ServerExitException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls answered later through a {@link From} kept in the state (issue 9, item 4): the crash of another message
 * restarts the worker from that state, which still holds the {@code From}, so those callers wait on and are
 * answered; only the caller of the crashing message hears of the crash. They fail only when the server ends.
 */
class DeferredCallsSurviveRestartTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    /** Calls: "wait" (answered by the next "release" cast), "count" (how many wait), "crash". Cast "release". */
    static final class Waiters implements Dispatcher<List<From<Object>>> {
        @Override
        public Result<List<From<Object>>> init(Object argument) {
            return Next.of(List.of());
        }

        @Override
        public Result<List<From<Object>>> handleCall(Object request, From<Object> from, List<From<Object>> waiting) {
            return switch ((String) request) {
                case "wait" -> {
                    List<From<Object>> more = new ArrayList<>(waiting);
                    more.add(from);
                    yield Next.of(List.copyOf(more));
                }
                case "count" -> Reply.of(waiting.size(), waiting);
                default -> throw new IllegalStateException("crash on " + request);
            };
        }

        @Override
        public Result<List<From<Object>>> handleCast(Object request, List<From<Object>> waiting) {
            waiting.forEach(from -> from.reply("released"));
            return Next.of(List.of());
        }
    }

    @Test
    void aCrashOfAnotherMessageLeavesDeferredCallersWaitingForTheirAnswer() throws Exception {
        PeeperRef server = peepers.start(Waiters::new, null, PeeperOptions.defaults());
        CompletableFuture<Object> waiting = server.callAsync("wait");
        assertThat(server.<Integer>call("count")).isEqualTo(1);

        assertThatThrownBy(() -> server.call("crash")).hasMessageContaining("crash on crash");
        assertThat(server.<Integer>call("count")).as("the restarted worker holds the From").isEqualTo(1);
        Peepers.kill(server.worker());
        assertThat(server.<Integer>call("count")).isEqualTo(1);

        assertThat(waiting).as("not failed by the crashes").isNotDone();
        server.cast("release");
        assertThat(Peepers.await(waiting)).isEqualTo("released");
    }

    @Test
    void deferredCallersFailWhenTheServerEndsForGood() throws Exception {
        PeeperRef server = peepers.start(Waiters::new, null, PeeperOptions.defaults());
        CompletableFuture<Object> waiting = server.callAsync("wait");
        assertThat(server.<Integer>call("count")).isEqualTo(1);

        server.stop();

        assertThatThrownBy(() -> Peepers.await(waiting)).isInstanceOf(ServerExitException.class);
        assertThat(((ServerExitException) waiting.handle((ok, e) -> e.getCause()).get()).reason())
                .isEqualTo(ExitReason.normal());
    }
}
