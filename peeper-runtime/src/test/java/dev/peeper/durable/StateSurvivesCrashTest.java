package dev.peeper.durable;

import static dev.peeper.durable.Peepers.currentWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Block;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.CallTimeoutException;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heart of it: whatever ends the worker, the server's state is still there for the next message (Peeper's
 * own scenarios: delegation, killed worker, every crash kind, direct calls to the worker, timeouts, unexpected
 * messages, odd states).
 */
class StateSurvivesCrashTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    private PeeperRef counter(int start) {
        return peepers.start(Counter.factory(probe), start, PeeperOptions.defaults());
    }

    @Test
    void callsAndCastsAreDelegatedToTheWorker() {
        PeeperRef c = counter(1);

        c.cast(new Add(2));
        int afterCall = c.call(new Add(3));
        int got = c.call(new Get(), Duration.ofSeconds(1));

        assertThat(afterCall).isEqualTo(6);
        assertThat(got).isEqualTo(6);
        assertThat(c.<Integer>state()).isEqualTo(6);
        Pid worker = currentWorker(c);
        assertThat(worker).isNotEqualTo(c.pid()).isEqualTo(c.worker());
    }

    @Test
    void stateSurvivesAKilledWorker() throws Exception {
        PeeperRef c = counter(0);
        c.cast(new Add(7));
        Pid worker = c.worker();

        Peepers.kill(worker);

        assertThat(c.<Integer>call(new Get())).isEqualTo(7);
        assertThat(currentWorker(c)).isNotEqualTo(worker);
        assertThat(c.pid()).as("clients keep talking to the same pid").isEqualTo(c.server().pid());
        assertThat(c.isAlive()).isTrue();
    }

    static Stream<Arguments> crashKinds() {
        return Stream.of(
                Arguments.of("kill", ExitReason.kill(), ExitReason.killed()),
                Arguments.of("shutdown", ExitReason.shutdown(), ExitReason.shutdown()),
                Arguments.of("shutdown with reason", ExitReason.shutdown("maintenance"),
                        ExitReason.shutdown("maintenance")),
                Arguments.of("a reason of the program's own", ExitReason.of("bad_thing"), ExitReason.of("bad_thing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashKinds")
    void everyExitSignalKeepsTheState(String kind, ExitReason signal, ExitReason endsWith) throws Exception {
        PeeperRef c = counter(0);
        c.cast(new Add(5));
        Pid worker = currentWorker(c);

        assertThat(Peepers.crash(worker, signal)).isEqualTo(endsWith);

        assertThat(c.<Integer>call(new Get())).isEqualTo(5);
        assertThat(c.statistics().restarts()).isEqualTo(1);
        assertThat(c.statistics().lastCrash()).isEqualTo(endsWith);
        assertThat(probe.inits).as("init runs on the first start only").hasValue(1);
    }

    @Test
    void anExitSignalCarryingAnExceptionKeepsTheState() throws Exception {
        PeeperRef c = counter(0);
        c.cast(new Add(5));
        IllegalStateException cause = new IllegalStateException("from outside");

        ExitReason reason = Peepers.crash(currentWorker(c), ExitReason.crash(cause));

        assertThat(reason.cause()).isSameAs(cause);
        assertThat(c.<Integer>call(new Get())).isEqualTo(5);
        assertThat(c.statistics().restarts()).isEqualTo(1);
    }

    @Test
    void aNormalExitSignalIsIgnoredByTheWorkerAndTheStateIsKept() throws Exception {
        PeeperRef c = counter(0);
        c.cast(new Add(5));
        Pid worker = currentWorker(c);

        // a worker does not trap exits: like any Erlang process it ignores a normal exit signal from another
        Proc.exit(worker, ExitReason.normal());

        assertThat(c.<Integer>call(new Add(1))).isEqualTo(6);
        assertThat(currentWorker(c)).as("the same worker").isEqualTo(worker);
        assertThat(Proc.isAlive(worker)).isTrue();
        assertThat(c.statistics().restarts()).isZero();
    }

    @Test
    void anExceptionInAHandlerKeepsTheStateOfTheLastCompletedCallback() {
        PeeperRef c = counter(0);
        c.cast(new Add(5));

        assertThatThrownBy(() -> c.call(new Crash("boom")))
                .isInstanceOf(ServerExitException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("boom");
        c.cast(new Crash("cast boom"));
        c.send(new Crash("info boom"));

        assertThat(c.<Integer>call(new Get())).isEqualTo(5);
        assertThat(c.statistics().restarts()).isEqualTo(3);
        assertThat(probe.inits).hasValue(1);
    }

    @Test
    void callsAndCastsStraightToTheWorkerKeepState() throws Exception {
        PeeperRef c = counter(0);
        ServerRef direct = ServerRef.of(c.worker());

        direct.cast(new Add(2));
        int viaWorker = direct.call(new Add(3));
        assertThat(viaWorker).isEqualTo(5);

        Peepers.kill(direct.pid());

        assertThat(c.<Integer>call(new Get())).isEqualTo(5);
        ServerRef nextWorker = ServerRef.of(currentWorker(c));
        assertThat(nextWorker.<Integer>call(new Add(1))).isEqualTo(6);
        assertThat(c.<Integer>call(new Get())).isEqualTo(6);
    }

    @Test
    void aCallThatTimesOutLeavesTheStateUnchanged() throws Exception {
        PeeperRef c = counter(0);
        c.cast(new Add(4));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        assertThatThrownBy(() -> c.call(new Block(entered, release), Duration.ofMillis(50)))
                .isInstanceOf(CallTimeoutException.class);
        Peepers.await(entered); // the handler did run: it is still blocked, well past the caller's timeout
        release.countDown();

        assertThat(c.<Integer>call(new Get())).isEqualTo(4);
        assertThat(c.statistics().restarts()).isZero();
        c.cast(new Add(1));
        assertThat(c.<Integer>call(new Get())).isEqualTo(5);
    }

    @Test
    void unexpectedMessagesDoNotLoseState() {
        PeeperRef c = counter(0);
        c.cast(new Add(3));

        c.send("a message nobody expects");
        c.send(42);
        Proc.send(c.worker(), List.of("straight", "to", "the", "worker"));

        assertThat(c.<Integer>call(new Get())).isEqualTo(3);
        assertThat(c.statistics().restarts()).isZero();
        assertThat(c.statistics().messagesHandled()).as("1 cast, 3 infos, this call").isEqualTo(5);
    }

    static Stream<Arguments> oddStates() {
        List<Integer> large = IntStream.range(0, 10_000).boxed().toList();
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty list", List.of()),
                Arguments.of("empty string", ""),
                Arguments.of("10,000 elements", large));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddStates")
    void oddStatesSurvive(String kind, Object state) throws Exception {
        PeeperRef box = peepers.start(Box.factory(probe), state, PeeperOptions.defaults());
        Peepers.kill(box.worker());
        Object afterKill = box.call(new Counter.Get());
        assertThat(afterKill).isEqualTo(state);

        // and the same state put there by a cast rather than by init
        box.cast(new Box.Put("something else"));
        box.cast(new Box.Put(state));
        assertThatThrownBy(() -> box.call(new Crash("boom"))).isInstanceOf(ServerExitException.class);
        Object afterCrash = box.call(new Counter.Get());
        assertThat(afterCrash).isEqualTo(state);
        assertThat(box.statistics().restarts()).isEqualTo(2);
    }

    @Test
    void aLargeStateIsHandedBackAsTheVeryObjectThatWasKept() throws Exception {
        List<Integer> large = new ArrayList<>(IntStream.range(0, 10_000).boxed().toList());
        PeeperRef box = peepers.start(Box.factory(probe), large, PeeperOptions.defaults());

        Peepers.kill(box.worker());

        // the crash path copies nothing it does not have to: no copy strategy, so no copy
        assertThat(box.<Object>call(new Counter.Get())).isSameAs(large);
        assertThat(probe.restored.poll().kept()).isSameAs(large);
        assertThat(probe.inits).hasValue(1);
    }

    @Test
    void aCrashWhileCallersWaitAnswersOnlyTheCrashedCall() throws Exception {
        PeeperRef c = counter(0);
        CompletableFuture<Object> crashed = c.callAsync(new Crash("boom"));
        CompletableFuture<Object> next = c.callAsync(new Add(1));

        assertThatThrownBy(() -> Peepers.await(crashed)).isInstanceOf(ServerExitException.class);
        assertThat(Peepers.await(next)).isEqualTo(1);
    }
}
