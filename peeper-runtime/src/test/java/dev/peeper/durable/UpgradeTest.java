package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Crash;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.Counter.Self;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.Sys;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upgrading the implementation of a running server: between two messages, with a {@code codeChange} that
 * migrates the state; later restarts build the new implementation; a {@code codeChange} that throws keeps the old
 * implementation and state, and its error reaches the caller.
 */
class UpgradeTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    /** Version 2 of the counter: the state gains a field, how many additions this version made. */
    record Tally(long total, int addedByV2) {
    }

    /**
     * The second version, with a {@link Tally} state. Typed {@code Object} because a migration starts from the old
     * type: {@code codeChange} receives version 1's {@code Integer}.
     */
    static final class CounterV2 implements Dispatcher<Object> {
        /** Every {@code restore}, to show that restarts build this version. */
        static final BlockingQueue<Tally> RESTORED = new LinkedBlockingQueue<>();

        private final boolean failing;

        /** @param failing whether {@code codeChange} throws */
        CounterV2(boolean failing) {
            this.failing = failing;
        }

        @Override
        public Result<Object> init(Object argument) {
            return Next.of(new Tally((Integer) argument, 0));
        }

        @Override
        public Result<Object> handleCall(Object request, From<Object> from, Object state) {
            return switch (request) {
                case Get ignored -> Reply.of(state, state);
                case Self ignored -> Reply.of(Proc.self(), state);
                case Crash(String why) -> throw new IllegalStateException(why);
                default -> throw new IllegalArgumentException("unknown call " + request);
            };
        }

        @Override
        public Result<Object> handleCast(Object request, Object state) {
            Tally tally = (Tally) state;
            if (request instanceof Add(int by)) {
                return Next.of(new Tally(tally.total() + by, tally.addedByV2() + 1));
            }
            throw new IllegalArgumentException("unknown cast " + request);
        }

        @Override
        public Object codeChange(Object oldVersion, Object state, Object extra) {
            if (failing) {
                throw new IllegalArgumentException("cannot migrate from " + oldVersion);
            }
            if (!(state instanceof Integer count) || !"v1".equals(oldVersion)) {
                throw new IllegalArgumentException("expected v1 with an Integer, got " + oldVersion + " " + state);
            }
            return new Tally(count, 0);
        }

        @Override
        public Object restore(Object kept, ExitReason lastExit) {
            RESTORED.add((Tally) kept);
            return kept;
        }
    }

    @Test
    void anUpgradeMigratesTheStateBetweenMessages() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.cast(new Add(5));
        assertThat(c.<Object>call(new Get())).isEqualTo(5);

        // messages queued before the upgrade is served: they will be handled after it, by the new version
        Sys.suspend(c.server());
        c.cast(new Add(1));
        c.cast(new Add(2));
        c.upgrade(() -> new CounterV2(false), "v1", null);
        Sys.resume(c.server());

        assertThat(c.<Object>call(new Get())).isEqualTo(new Tally(8, 2));
        assertThat(c.statistics().restarts()).isZero();
    }

    @Test
    void laterRestartsBuildTheNewImplementation() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.call(new Add(5)); // an upgrade is a system message: it would be served before a cast still queued
        c.upgrade(() -> new CounterV2(false), "v1", null);
        c.cast(new Add(1));
        CounterV2.RESTORED.clear();

        Peepers.kill(Peepers.currentWorker(c));

        assertThat(c.<Object>call(new Get())).isEqualTo(new Tally(6, 1));
        assertThat(CounterV2.RESTORED.poll()).as("restored by version 2").isEqualTo(new Tally(6, 1));
        assertThat(probe.restored).as("not by version 1").isEmpty();
        c.cast(new Add(1));
        assertThat(c.<Object>call(new Get())).isEqualTo(new Tally(7, 2));
    }

    @Test
    void aThrowingCodeChangeKeepsTheOldImplementationAndStateAndTellsTheCaller() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(probe), 0, PeeperOptions.defaults());
        c.call(new Add(5));

        assertThatThrownBy(() -> c.upgrade(() -> new CounterV2(true), "v1", null))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("cannot migrate from v1");

        c.cast(new Add(1));
        assertThat(c.<Object>call(new Get())).isEqualTo(6);
        assertThat(c.statistics().restarts()).as("the failed upgrade crashed nothing").isZero();

        // and a restart still builds version 1
        Peepers.kill(Peepers.currentWorker(c));
        assertThat(c.<Object>call(new Get())).isEqualTo(6);
        assertThat(Peepers.next(probe.restored).kept()).isEqualTo(6);
        assertThatThrownBy(() -> c.call(new Crash("v1 still"))).isInstanceOf(ServerExitException.class);
    }
}
