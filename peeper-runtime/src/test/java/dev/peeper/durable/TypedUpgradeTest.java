package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.UpgradeTest.Tally;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upgrade to an implementation typed on a new state type (issue 9, item 15): {@code Dispatcher<Tally>}
 * replacing an {@code Integer} counter used to fail with a {@code ClassCastException} in {@code codeChange}'s
 * bridge and roll back. Overriding {@code codeChangeFrom}, which takes the old state untyped, migrates it; a
 * typed implementation that does not gets an error saying so, and the old code and state stay.
 */
class TypedUpgradeTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    /** Version 2, typed on its own state; migrates from version 1's {@code Integer} when {@code migrates}. */
    static final class TypedV2 implements Dispatcher<Tally> {
        private final boolean migrates;

        TypedV2(boolean migrates) {
            this.migrates = migrates;
        }

        @Override
        public Result<Tally> init(Object argument) {
            return Next.of(new Tally((Integer) argument, 0));
        }

        @Override
        public Result<Tally> handleCall(Object request, From<Object> from, Tally tally) {
            return Reply.of(tally, tally);
        }

        @Override
        public Result<Tally> handleCast(Object request, Tally tally) {
            return Next.of(new Tally(tally.total() + ((Add) request).by(), tally.addedByV2() + 1));
        }

        @Override
        public Tally codeChangeFrom(Object oldVersion, Object oldState, Object extra) throws Exception {
            if (migrates && oldState instanceof Integer count) {
                return new Tally(count, 0);
            }
            return Dispatcher.super.codeChangeFrom(oldVersion, oldState, extra);
        }
    }

    @Test
    void aTypedImplementationMigratesToItsNewStateType() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(new Probe()), 0, PeeperOptions.defaults());
        c.call(new Add(5));

        c.upgrade(() -> new TypedV2(true), "v1", null);
        c.cast(new Add(1));

        assertThat(c.<Object>call(new Get())).isEqualTo(new Tally(6, 1));
        Peepers.kill(c.worker());
        assertThat(c.<Object>call(new Get())).as("kept and restored as the new type").isEqualTo(new Tally(6, 1));
    }

    @Test
    void aTypedImplementationThatDoesNotMigrateSaysWhatToOverride() throws Exception {
        PeeperRef c = peepers.start(Counter.factory(new Probe()), 0, PeeperOptions.defaults());
        c.call(new Add(5));

        assertThatThrownBy(() -> c.upgrade(() -> new TypedV2(false), "v1", null))
                .isInstanceOf(CallFailedException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("override codeChangeFrom");

        assertThat(c.<Object>call(new Get())).as("the old code and state stay").isEqualTo(5);
    }
}
