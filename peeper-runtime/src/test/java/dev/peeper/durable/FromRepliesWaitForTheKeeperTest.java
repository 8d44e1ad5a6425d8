package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.keeper.Keeper;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Result;
import dev.peeper.server.ServerExitException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A keeper that writes before replies ({@link Keeper#writesBeforeReply}) holds a reply given through {@link From}
 * on the server's worker, inside the callback or later from another message's, until the state of the callback
 * that gave it has passed {@link Keeper#beforeReply}; a refused acknowledgement reaches its caller instead.
 */
class FromRepliesWaitForTheKeeperTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    /** A count, and the callers waiting for it to be answered by an {@code "answer"} cast. */
    record Waiting(int count, List<From<Object>> callers) {
    }

    /** {@code "now"} replies through From inside the call; {@code "later"} is answered by the cast {@code "answer"}. */
    static final class Answerer implements Dispatcher<Waiting> {
        @Override
        public Result<Waiting> init(Object argument) {
            return Next.of(new Waiting(0, List.of()));
        }

        @Override
        public Result<Waiting> handleCall(Object request, From<Object> from, Waiting state) {
            if (request.equals("now")) {
                from.reply("now after " + (state.count() + 1));
                return Next.of(new Waiting(state.count() + 1, state.callers()));
            }
            List<From<Object>> callers = new ArrayList<>(state.callers());
            callers.add(from);
            return Next.of(new Waiting(state.count(), List.copyOf(callers)));
        }

        @Override
        public Result<Waiting> handleCast(Object request, Waiting state) {
            int count = state.count() + 1;
            for (From<Object> caller : state.callers()) {
                caller.reply("answered at " + count);
            }
            return Next.of(new Waiting(count, List.of()));
        }
    }

    /** Blocks in {@code beforeReply} until let go, or refuses there; says which state it acknowledged. */
    static final class GatedKeeper implements Keeper<Object> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);
        final RuntimeException refusal;
        volatile Object kept;
        volatile Object acknowledged;

        GatedKeeper(RuntimeException refusal) {
            this.refusal = refusal;
        }

        @Override
        public void keep(Object state) {
            kept = state;
        }

        @Override
        public Object restore() {
            return kept;
        }

        @Override
        public void beforeReply() {
            acknowledged = kept;
            entered.countDown();
            if (refusal != null) {
                throw refusal;
            }
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean writesBeforeReply() {
            return true;
        }
    }

    private PeeperRef start(GatedKeeper keeper) {
        return peepers.start(Answerer::new, null, PeeperOptions.defaults().withKeeper(name -> keeper));
    }

    private static void awaitEntered(GatedKeeper keeper) throws InterruptedException {
        assertThat(keeper.entered.await(Peepers.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .as("beforeReply ran").isTrue();
    }

    @Test
    void aReplyThroughFromInsideTheCallWaitsForBeforeReplyOnTheStateItGaveIt() throws Exception {
        GatedKeeper keeper = new GatedKeeper(null);
        PeeperRef server = start(keeper);

        CompletableFuture<Object> reply = server.callAsync("now");
        awaitEntered(keeper);

        assertThat(reply).as("not released while beforeReply runs").isNotDone();
        assertThat(keeper.acknowledged).isEqualTo(new Waiting(1, List.of()));
        keeper.letGo.countDown();
        assertThat(reply.get(Peepers.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("now after 1");
    }

    @Test
    void aDeferredReplyFromALaterMessageWaitsForBeforeReplyOnThatMessagesState() throws Exception {
        GatedKeeper keeper = new GatedKeeper(null);
        PeeperRef server = start(keeper);
        CompletableFuture<Object> reply = server.callAsync("later");

        server.cast("answer");
        awaitEntered(keeper);

        assertThat(reply).as("not released while beforeReply runs").isNotDone();
        assertThat(keeper.acknowledged).as("the state of the cast that answered")
                .isEqualTo(new Waiting(1, List.of()));
        keeper.letGo.countDown();
        assertThat(reply.get(Peepers.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("answered at 1");
    }

    @Test
    void whenBeforeReplyRefusesTheCallerGetsTheFailureNotTheReply() {
        IllegalStateException refused = new IllegalStateException("not durable");
        PeeperRef server = start(new GatedKeeper(refused));

        assertThatThrownBy(() -> server.call("now")).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e).hasCause(refused));
    }

    @Test
    void whenBeforeReplyRefusesADeferredReplyItsCallerGetsTheFailure() {
        IllegalStateException refused = new IllegalStateException("not durable");
        PeeperRef server = start(new GatedKeeper(refused));
        CompletableFuture<Object> reply = server.callAsync("later");

        server.cast("answer");

        assertThatThrownBy(() -> reply.get(Peepers.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(ServerExitException.class,
                        e -> assertThat(e.reason().cause()).isSameAs(refused));
    }
}
