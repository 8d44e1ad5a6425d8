package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.keeper.Keeper;
import dev.peeper.keeper.SupersededException;
import dev.peeper.process.ExitReason;
import dev.peeper.server.ServerExitException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A keeper that finds its server superseded ({@link SupersededException}) ends the server at once: no restart (a
 * new worker would only be refused again), a shutdown reason that says why, the listener told, the keeper
 * released once.
 */
class SupersededServerTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    @Test
    void aSupersededServerEndsWithoutRestartingItsWorker() throws Exception {
        SupersededException superseded = new SupersededException("counter of generation 1 was taken over by 2");
        AtomicBoolean refuse = new AtomicBoolean();
        AtomicInteger restores = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        Keeper<Object> keeper = new Keeper<>() {
            private volatile Object state;

            @Override
            public void keep(Object next) {
                state = next;
            }

            @Override
            public Object restore() {
                restores.incrementAndGet();
                return state;
            }

            @Override
            public void beforeReply() {
                if (refuse.get()) {
                    throw new IllegalStateException("could not write", superseded); // found behind a cause too
                }
            }

            @Override
            public void release() {
                releases.incrementAndGet();
            }
        };
        CompletableFuture<ExitReason> ended = new CompletableFuture<>();
        StateListener<Integer> listener = new StateListener<>() {
            @Override
            public void onTerminate(ExitReason reason, Integer lastState) {
                ended.complete(reason);
            }
        };
        PeeperRef server = peepers.start(Counter.factory(probe), 0,
                PeeperOptions.defaults().withKeeper(n -> keeper).withListener(listener));
        assertThat(server.<Integer>call(new Add(1))).isEqualTo(1);
        refuse.set(true);

        assertThatThrownBy(() -> server.call(new Add(1))).isInstanceOf(ServerExitException.class);

        assertThat(ended.get(Peepers.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(
                ExitReason.shutdown(superseded));
        assertThat(Peepers.awaitExit(server.pid())).isEqualTo(ExitReason.shutdown(superseded));
        assertThat(restores.get()).as("no worker resumed; the listener read the last state once").isEqualTo(1);
        assertThat(releases.get()).isEqualTo(1);
    }
}
