package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A listener slower than its server (issue 9, item 9): the relay holds at most {@link ListenerRelay#BACKLOG}
 * changes, folding later ones into the last (logged and counted), so nothing grows without bound and the server
 * never waits; the listener still hears an unbroken chain of steps ending at the current state, then
 * {@code onTerminate}. The relay's mailbox used to take every change, without bound.
 */
class SlowListenerTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    record Step(Object oldState, Object newState) {
    }

    @Test
    void aListenerThatFallsBehindHearsFoldedStepsEndingAtTheCurrentState() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LinkedBlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        StateListener<Object> slow = new StateListener<>() {
            @Override
            public void onStateChanged(Object oldState, Object newState) throws InterruptedException {
                heard.add(new Step(oldState, newState));
                first.countDown();
                release.await(Peepers.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS); // stuck until the casts are in
            }

            @Override
            public void onTerminate(ExitReason reason, Object lastState) {
                heard.add(reason);
            }
        };
        PeeperRef server = peepers.start(Counter.factory(new Probe()), 0, PeeperOptions.defaults().withListener(slow));
        server.cast(new Add(1));
        Peepers.await(first);
        int casts = 3 * ListenerRelay.BACKLOG;
        for (int i = 0; i < casts; i++) {
            server.cast(new Add(1));
        }
        assertThat(server.<Integer>call(new Get())).as("the server never waited for its listener").isEqualTo(casts + 1);

        release.countDown();
        server.stop();

        List<Step> steps = new ArrayList<>();
        for (Object event; !((event = Peepers.next(heard)) instanceof ExitReason); ) {
            steps.add((Step) event);
        }
        assertThat(steps.size()).as("at most the backlog, plus the one being heard").isLessThanOrEqualTo(
                ListenerRelay.BACKLOG + 1);
        assertThat(steps.getFirst()).isEqualTo(new Step(0, 1));
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).oldState()).as("an unbroken chain").isEqualTo(steps.get(i - 1).newState());
        }
        assertThat(steps.getLast().newState()).isEqualTo(casts + 1);
    }
}
