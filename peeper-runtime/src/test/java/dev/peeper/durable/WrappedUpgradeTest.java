package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.UpgradeTest.CounterV2;
import dev.peeper.durable.UpgradeTest.Tally;
import dev.peeper.process.ExitReason;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.Sys;
import dev.peeper.server.internal.WrappingDispatcher;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upgrade of a server whose dispatcher a runtime wraps around the user's (as the cluster does) installs the new
 * implementation inside the same wrapper, and later restarts build it wrapped too. Before, the bare implementation
 * replaced the wrapper, and the wrapper's work (the cluster's: where a member finds the server's handoff and merge
 * callbacks) stopped for good.
 */
class WrappedUpgradeTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    /** Asks the wrapper, not the implementation: which implementation it wraps. */
    record Wrapping() {
    }

    /** A wrapper that answers {@link Wrapping} itself and passes everything else on. */
    static final class Labelled implements Dispatcher<Object>, WrappingDispatcher {
        private final Dispatcher<Object> inner;

        @SuppressWarnings("unchecked")
        Labelled(Dispatcher<?> inner) {
            this.inner = (Dispatcher<Object>) inner;
        }

        static Supplier<Dispatcher<?>> around(Supplier<? extends Dispatcher<?>> implementation) {
            return () -> new Labelled(implementation.get());
        }

        @Override
        public Result<Object> init(Object argument) throws Exception {
            return inner.init(argument);
        }

        @Override
        public Result<Object> handleCall(Object request, From<Object> from, Object state) throws Exception {
            if (request instanceof Wrapping) {
                return Reply.of(inner.getClass().getSimpleName(), state);
            }
            return inner.handleCall(request, from, state);
        }

        @Override
        public Result<Object> handleCast(Object request, Object state) throws Exception {
            return inner.handleCast(request, state);
        }

        @Override
        public Object restore(Object kept, ExitReason lastExit) throws Exception {
            return inner.restore(kept, lastExit);
        }

        @Override
        public Object codeChangeFrom(Object oldVersion, Object oldState, Object extra) throws Exception {
            return inner.codeChangeFrom(oldVersion, oldState, extra);
        }

        @Override
        public Dispatcher<?> around(Dispatcher<?> implementation) {
            return new Labelled(implementation);
        }

        @Override
        public Dispatcher<?> wrapped() {
            return inner;
        }
    }

    @Test
    void anUpgradeRunsTheNewImplementationInsideTheSameWrapperAndSoDoRestarts() throws Exception {
        PeeperRef c = peepers.start(Labelled.around(Counter.factory(probe)), 0, PeeperOptions.defaults());
        c.call(new Add(5));

        c.upgrade(() -> new CounterV2(false), "v1", null);

        assertThat(c.<Object>call(new Wrapping())).as("wrapped after the upgrade").isEqualTo("CounterV2");
        assertThat(c.<Object>call(new Get())).isEqualTo(new Tally(5, 0));

        Peepers.kill(Peepers.currentWorker(c));
        assertThat(c.<Object>call(new Wrapping())).as("a restart builds it wrapped").isEqualTo("CounterV2");
        assertThat(c.<Object>call(new Get())).isEqualTo(new Tally(5, 0));
    }

    @Test
    void aBareCodeChangeKeepsTheWrapperToo() throws Exception {
        PeeperRef c = peepers.start(Labelled.around(Counter.factory(probe)), 0, PeeperOptions.defaults());
        c.call(new Add(2));

        Sys.changeCode(c.server(), new CounterV2(false), "v1", null);

        assertThat(c.<Object>call(new Wrapping())).isEqualTo("CounterV2");
        assertThat(c.<Object>call(new Get())).isEqualTo(new Tally(2, 0));
    }
}
