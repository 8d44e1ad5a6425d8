package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.keeper.Keeper;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.Sys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two hooks a keeper that groups states relies on: {@link Keeper#mailboxDrained} ends a group of messages
 * handled back to back, and {@link Keeper#beforeReply} comes between the state a reply acknowledges and the reply.
 */
class GroupCommitHooksTest {
    private static final int CASTS = 5;

    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    /** Records what the worker tells it, in order. */
    static class HookLog implements Keeper<Object> {
        final List<String> events = new CopyOnWriteArrayList<>();
        private volatile Object state;

        @Override
        public void keep(Object state) {
            events.add("keep " + state);
            this.state = state;
        }

        @Override
        public Object restore() {
            return state;
        }

        @Override
        public void beforeReply() {
            events.add("beforeReply");
        }

        @Override
        public void mailboxDrained() {
            events.add("drained");
        }
    }

    @Test
    void castsQueuedTogetherAreOneGroupAndAReplyWaitsForBeforeReply() throws Exception {
        HookLog keeper = new HookLog();
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults().withKeeper(n -> keeper));
        Sys.suspend(c.server()); // so the casts are all queued when the worker takes the first
        for (int i = 0; i < CASTS; i++) {
            c.cast(new Add(1));
        }
        Sys.resume(c.server());

        assertThat(c.<Integer>call(new Get())).isEqualTo(CASTS);

        List<String> events = List.copyOf(keeper.events); // the drain after the reply may still come meanwhile
        int first = events.indexOf("keep 1");
        List<String> group = new ArrayList<>();
        for (int i = 1; i <= CASTS; i++) {
            group.add("keep " + i);
        }
        assertThat(events.subList(first, first + CASTS)).as("no drain inside the group").isEqualTo(group);
        // the call joins the group if it was queued before the drain; else the group ends with a drain
        List<String> untilReply = new ArrayList<>(events.subList(first + CASTS, events.indexOf("beforeReply") + 1));
        untilReply.remove("drained");
        assertThat(untilReply).as("the call's state, then beforeReply, then the reply")
                .containsExactly("keep " + CASTS, "beforeReply");
        long deadline = System.nanoTime() + Peepers.TIMEOUT.toNanos();
        while (!drainedAfter(keeper, first + CASTS)) { // before the worker waits again
            assertThat(System.nanoTime() - deadline).as("a drain after the group").isNegative();
            Thread.onSpinWait();
        }
    }

    private static boolean drainedAfter(HookLog keeper, int from) {
        List<String> now = List.copyOf(keeper.events);
        return now.subList(from, now.size()).contains("drained");
    }

    @Test
    void aRefusedAcknowledgementFailsTheCallAndTheWorkerResumesFromTheKeeper() throws Exception {
        AtomicBoolean refuse = new AtomicBoolean(true);
        IllegalStateException refused = new IllegalStateException("not durable");
        HookLog keeper = new HookLog() {
            private Object durable = 0;

            @Override
            public Object restore() {
                return durable;
            }

            @Override
            public void beforeReply() {
                if (refuse.getAndSet(false)) {
                    throw refused;
                }
                durable = super.restore();
            }
        };
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults().withKeeper(n -> keeper));

        assertThatThrownBy(() -> c.call(new Add(5))).isInstanceOfSatisfying(ServerExitException.class,
                e -> assertThat(e).hasCause(refused));

        assertThat(c.<Integer>call(new Get())).as("the refused update never happened").isZero();
    }
}
