package dev.peeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Sys#changeCode}: a new implementation takes over between two messages, migrating the state. */
class ChangeCodeTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    /** Version 1 counts in an {@code Integer}. */
    static final class CounterV1 implements Dispatcher<Integer> {
        @Override
        public Result<Integer> init(Object start) {
            return Next.of((Integer) start);
        }

        @Override
        public Result<Integer> handleCall(Object request, From<Object> from, Integer n) {
            return Reply.of("v1:" + n, n);
        }

        @Override
        public Result<Integer> handleCast(Object request, Integer n) {
            return Next.of(n + (Integer) request);
        }
    }

    /** Version 2 keeps a {@code Total} and migrates from version 1's {@code Integer}. */
    static final class CounterV2 implements Dispatcher<Object> {
        record Total(long value, String migratedFrom) {
        }

        volatile Object seenOldVersion;
        volatile Object seenExtra;

        @Override
        public Result<Object> init(Object start) {
            return Next.of(new Total((Integer) start, null));
        }

        @Override
        public Result<Object> handleCall(Object request, From<Object> from, Object state) {
            return Reply.of("v2:" + ((Total) state).value(), state);
        }

        @Override
        public Result<Object> handleCast(Object request, Object state) {
            Total total = (Total) state;
            return Next.of(new Total(total.value() + 10L * (Integer) request, total.migratedFrom()));
        }

        @Override
        public Object codeChange(Object oldVersion, Object state, Object extra) {
            seenOldVersion = oldVersion;
            seenExtra = extra;
            return new Total((Integer) state, String.valueOf(oldVersion));
        }
    }

    /** A version 2 whose migration fails. */
    static final class BrokenV2 implements Dispatcher<Object> {
        static final IllegalStateException FAILURE = new IllegalStateException("cannot migrate");

        @Override
        public Result<Object> init(Object start) {
            return Next.of(start);
        }

        @Override
        public Result<Object> handleCall(Object request, From<Object> from, Object state) {
            return Reply.of("broken", state);
        }

        @Override
        public Result<Object> handleCast(Object request, Object state) {
            return Next.of(state);
        }

        @Override
        public Object codeChange(Object oldVersion, Object state, Object extra) {
            throw FAILURE;
        }
    }

    @Test
    void theNewImplementationMigratesTheStateAndHandlesLaterMessages() {
        ServerRef ref = servers.track(GenServers.start(new CounterV1(), 1));
        ref.cast(2);
        ref.call("sync"); // the change would overtake the queued cast: system requests go first
        CounterV2 v2 = new CounterV2();

        Sys.changeCode(ref, v2, "1.0", "extra data");
        ref.cast(3);
        String reply = ref.call("get");

        assertThat(v2.seenOldVersion).isEqualTo("1.0");
        assertThat(v2.seenExtra).isEqualTo("extra data");
        assertThat(reply).isEqualTo("v2:33");
        assertThat((Object) Sys.getState(ref)).isEqualTo(new CounterV2.Total(33, "1.0"));
    }

    @Test
    void aFailingCodeChangeKeepsTheOldImplementationAndStateAndTellsTheCaller() {
        ServerRef ref = servers.track(GenServers.start(new CounterV1(), 5));

        assertThatThrownBy(() -> Sys.changeCode(ref, new BrokenV2(), "1.0", null))
                .isInstanceOf(CallFailedException.class)
                .hasCause(BrokenV2.FAILURE);

        ref.cast(1);
        assertThat((String) ref.call("get")).isEqualTo("v1:6");
        assertThat((Integer) Sys.getState(ref)).isEqualTo(6);
    }

    @Test
    void aChangeWhileSuspendedAppliesToTheMessagesQueuedMeanwhile() {
        ServerRef ref = servers.track(GenServers.start(new CounterV1(), 0));
        Sys.suspend(ref);
        ref.cast(1); // queued, handled after resume by the new code

        Sys.changeCode(ref, new CounterV2(), 1, null);
        Sys.resume(ref);

        assertThat((String) ref.call("get")).isEqualTo("v2:10");
    }
}
