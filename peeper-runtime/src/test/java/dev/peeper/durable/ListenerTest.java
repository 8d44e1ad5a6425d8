package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.Counter.Same;
import dev.peeper.durable.Counter.WhichThread;
import dev.peeper.durable.RecordingListener.Changed;
import dev.peeper.durable.RecordingListener.Terminated;
import dev.peeper.process.ExitReason;
import dev.peeper.server.ServerExitException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listener row of the design table: {@code onStateChanged(old, new)} only when the state changed (Peeper
 * 0.3.1 fired on every callback), {@code onTerminate(reason, lastState)} at the end; called off the worker's
 * thread, in order, and a listener that throws never harms the server.
 */
class ListenerTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();
    private final RecordingListener listener = new RecordingListener();

    private PeeperRef counter(StateListener<?> listener) {
        return peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults().withListener(listener));
    }

    @Test
    void hearsEachChangeInOrderWithTheOldAndNewState() throws Exception {
        PeeperRef c = counter(listener);

        for (int i = 1; i <= 20; i++) {
            c.cast(new Add(i));
        }

        int expected = 0;
        for (int i = 1; i <= 20; i++) {
            assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState)
                    .containsExactly(expected, expected + i);
            expected += i;
        }
    }

    @Test
    void aCallbackThatKeepsAnEqualStateFiresNothing() throws Exception {
        PeeperRef c = counter(listener);

        c.cast(new Same());
        c.call(new Get());
        c.send("ignored info");
        c.cast(new Add(1));

        // had any of the first three fired, its event would come first: events are in order
        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState).containsExactly(0, 1);
    }

    @Test
    void anEqualButNotIdenticalStateFiresNothing() throws Exception {
        PeeperRef box = peepers.start(Box.factory(probe), List.of("a"),
                PeeperOptions.defaults().withListener(listener));

        box.cast(new Box.Put(new ArrayList<>(List.of("a")))); // another object, equal
        box.cast(new Box.Put(List.of("a", "b")));

        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState)
                .containsExactly(List.of("a"), List.of("a", "b"));
    }

    @Test
    void aRestartThatResumesTheSameStateFiresNothing() throws Exception {
        PeeperRef c = counter(listener);
        c.cast(new Add(1));
        assertThat(listener.nextChange().newState()).isEqualTo(1);

        Peepers.kill(c.worker());
        c.call(new Get());
        c.cast(new Add(1));

        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState).containsExactly(1, 2);
    }

    @Test
    void aRestoreThatAdjustsTheStateIsAChange() throws Exception {
        probe.onRestore = (kept, lastExit) -> (Integer) kept * 10;
        PeeperRef c = counter(listener);
        c.cast(new Add(2));
        assertThat(listener.nextChange().newState()).isEqualTo(2);

        Peepers.kill(c.worker());

        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState).containsExactly(2, 20);
    }

    @Test
    void isCalledOffTheWorkersThread() throws Exception {
        PeeperRef c = counter(listener);

        c.cast(new Add(1));
        Thread worker = c.call(new WhichThread());

        Changed changed = listener.nextChange();
        assertThat(changed.thread()).isNotSameAs(worker).isNotSameAs(Thread.currentThread());
        c.stop();
        assertThat(listener.nextTermination().thread()).isNotSameAs(worker);
    }

    @Test
    void aThrowingListenerHarmsNothing() throws Exception {
        RecordingListener throwing = new RecordingListener(true);
        PeeperRef c = counter(throwing);

        c.cast(new Add(1));
        c.cast(new Add(2));

        assertThat(throwing.nextChange().newState()).isEqualTo(1);
        assertThat(throwing.nextChange().newState()).as("it keeps being called").isEqualTo(3);
        assertThat(c.<Integer>call(new Get())).isEqualTo(3);
        assertThat(c.statistics().restarts()).isZero();
        c.stop();
        assertThat(throwing.nextTermination().lastState()).isEqualTo(3);
    }

    @Test
    void onTerminateComesOnceAndEndsTheRelayEvenWhenTheListenerThrows() throws Exception {
        RecordingListener throwing = new RecordingListener(true);
        PeeperRef c = counter(throwing);
        c.call(new Add(1));
        assertThat(throwing.nextChange().newState()).isEqualTo(1);

        c.stop();

        Terminated end = throwing.nextTermination();
        assertThat(end.lastState()).isEqualTo(1);
        // the relay's thread ends after the last event, so nothing can follow it
        assertThat(end.thread().join(Peepers.TIMEOUT)).as("the relay ended").isTrue();
        assertThat(throwing.events).as("no second onTerminate").isEmpty();
    }

    @Test
    void onTerminateHearsTheReasonAndLastStateOnStop() throws Exception {
        PeeperRef c = counter(listener);
        c.cast(new Add(5));
        assertThat(listener.nextChange().newState()).isEqualTo(5);

        c.stop(ExitReason.shutdown("closing"), Peepers.TIMEOUT);

        Terminated end = listener.nextTermination();
        assertThat(end.reason()).isEqualTo(ExitReason.shutdown("closing"));
        assertThat(end.lastState()).isEqualTo(5);
    }

    @Test
    void onTerminateHearsAStopResult() throws Exception {
        PeeperRef c = counter(listener);
        c.cast(new Add(5));
        assertThat(listener.nextChange().newState()).isEqualTo(5);

        c.cast(new Counter.StopWith(ExitReason.normal()));

        Terminated end = listener.nextTermination();
        assertThat(end.reason()).isEqualTo(ExitReason.normal());
        assertThat(end.lastState()).isEqualTo(5);
        assertThat(Peepers.next(probe.terminated)).isEqualTo(new Probe.Terminated(ExitReason.normal(), 5));
        Peepers.awaitExit(c.pid());
    }

    @Test
    void aCrashIsNotTheEnd() throws Exception {
        PeeperRef c = counter(listener);

        assertThatThrownBy(() -> c.call(new Crash("boom")))
                .isInstanceOf(ServerExitException.class);
        c.cast(new Add(1));

        // no onTerminate for a worker's crash: the next event is the change
        assertThat(listener.nextChange().newState()).isEqualTo(1);
    }
}
