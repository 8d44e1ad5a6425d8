package dev.peeper.process;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Erlang's exit-signal table: every kind of reason, to a receiver that traps exits or not, delivered over a
 * link, sent directly with {@link Proc#exit(Pid, ExitReason)}, sent by a process to itself, or observed by a
 * monitor.
 *
 * <p>Every test observes the receiver through a probe that forwards what it receives; "still serving" means
 * the probe takes a ping sent after everything else, which also shows that nothing else arrived before it.
 */
class ExitSignalTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private final Inbox seen = new Inbox();

    private static final IllegalStateException BOOM = new IllegalStateException("boom (thrown on purpose by a test)");

    /** One kind of reason: how a process comes to end with it, and what it then ends with. */
    enum Kind {
        NORMAL(ExitReason.normal()),
        SHUTDOWN(ExitReason.shutdown()),
        SHUTDOWN_WITH_DETAIL(ExitReason.shutdown("maintenance")),
        KILL(ExitReason.kill()),
        CUSTOM(ExitReason.of("bad_config")),
        CRASH(ExitReason.crash(BOOM));

        /** The reason an exit signal of this kind carries. */
        final ExitReason reason;

        Kind(ExitReason reason) {
            this.reason = reason;
        }

        /** Ends the calling process the way that gives this reason: return, throw, exit, or be killed. */
        void endSelf() {
            switch (this) {
                case NORMAL -> { }
                case CRASH -> throw BOOM;
                case KILL -> Proc.exit(Proc.self(), ExitReason.kill()); // a process ended by kill ...
                default -> throw Proc.exit(reason);
            }
        }

        /** The reason a process ended this way has, and propagates over its links. */
        ExitReason endedWith() {
            return this == KILL ? ExitReason.killed() : reason; // ... has the reason killed
        }
    }

    enum Receiver {
        TRAPPING, NOT_TRAPPING;

        boolean traps() {
            return this == TRAPPING;
        }
    }

    static Stream<Arguments> table() {
        return Arrays.stream(Kind.values())
                .flatMap(kind -> Arrays.stream(Receiver.values()).map(receiver -> Arguments.of(kind, receiver)));
    }

    /** A process that ends the way {@code kind} says when it receives anything. */
    private Pid dyingOnRequest(Kind kind) {
        return processes.spawn(() -> {
            Proc.receive();
            kind.endSelf();
        });
    }

    @ParameterizedTest(name = "{0} to a {1} receiver")
    @MethodSource("table")
    void overALink(Kind kind, Receiver receiver) throws Exception {
        Pid dying = dyingOnRequest(kind);
        Pid probe = processes.spawn(() -> {
            Proc.trapExit(receiver.traps());
            Proc.link(dying);
            seen.add(Proc.monitor(dying)); // its Down comes after the link's signal: it tells us the signal is in
            Proc.send(dying, "go");
            seen.forwardAll();
        });
        MonitorRef ref = seen.next(MonitorRef.class);

        assertThat(awaitExit(dying)).isEqualTo(kind.endedWith());

        if (receiver.traps()) {
            assertThat(seen.next()).isEqualTo(new ExitSignal(dying, kind.endedWith()));
            assertThat(seen.next()).isEqualTo(new Down(ref, dying, kind.endedWith()));
            seen.assertStillServing(probe);
        } else if (kind == Kind.NORMAL) {
            assertThat(seen.next()).isEqualTo(new Down(ref, dying, ExitReason.normal()));
            seen.assertStillServing(probe);
        } else {
            assertThat(awaitExit(probe)).isEqualTo(kind.endedWith());
            // the signal came before the Down, so a process it ended never sees the Down
            assertThat(seen.drain()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} to a {1} receiver")
    @MethodSource("table")
    void sentDirectly(Kind kind, Receiver receiver) throws Exception {
        Pid probe = processes.spawn(() -> {
            Proc.trapExit(receiver.traps());
            seen.add("ready");
            seen.forwardAll();
        });
        assertThat(seen.next()).isEqualTo("ready");

        Pid sender = Proc.spawn(() -> Proc.exit(probe, kind.reason));
        assertThat(awaitExit(sender)).isEqualTo(ExitReason.normal()); // the signal is in once the sender has ended

        if (kind == Kind.KILL) {
            assertThat(awaitExit(probe)).isEqualTo(ExitReason.killed()); // trapping or not
        } else if (receiver.traps()) {
            assertThat(seen.next()).isEqualTo(new ExitSignal(sender, kind.reason));
            seen.assertStillServing(probe);
        } else if (kind == Kind.NORMAL) {
            seen.assertStillServing(probe); // ignored
        } else {
            assertThat(awaitExit(probe)).isEqualTo(kind.reason);
        }
        assertThat(seen.drain()).isEmpty();
    }

    @ParameterizedTest(name = "{0} to a {1} receiver")
    @MethodSource("table")
    void sentToItself(Kind kind, Receiver receiver) throws Exception {
        Pid probe = processes.spawn(() -> {
            Proc.trapExit(receiver.traps());
            Proc.exit(Proc.self(), kind.reason);
            seen.add("survived the signal");
            seen.forwardAll();
        });

        if (kind == Kind.KILL) {
            assertThat(awaitExit(probe)).isEqualTo(ExitReason.killed());
        } else if (receiver.traps()) {
            assertThat(seen.next()).isEqualTo("survived the signal");
            assertThat(seen.next()).isEqualTo(new ExitSignal(probe, kind.reason));
            seen.assertStillServing(probe);
        } else {
            assertThat(awaitExit(probe)).isEqualTo(kind.reason); // even normal, sent to itself
        }
        assertThat(seen.drain()).isEmpty();
    }

    @ParameterizedTest(name = "{0} seen by a {1} watcher")
    @MethodSource("table")
    void observedByAMonitor(Kind kind, Receiver receiver) throws Exception {
        Pid dying = dyingOnRequest(kind);
        Pid probe = processes.spawn(() -> {
            Proc.trapExit(receiver.traps());
            seen.add(Proc.monitor(dying));
            Proc.send(dying, "go");
            seen.forwardAll();
        });
        MonitorRef ref = seen.next(MonitorRef.class);

        assertThat(ref.target()).isEqualTo(dying);
        assertThat(seen.next()).isEqualTo(new Down(ref, dying, kind.endedWith()));
        seen.assertStillServing(probe); // exactly one Down, and a monitor never ends the watcher
    }

    @ParameterizedTest(name = "after {0}")
    @EnumSource(Kind.class)
    void aMonitorSetAfterTheEndDeliversNoproc(Kind kind) throws Exception {
        Pid dead = dyingOnRequest(kind);
        Proc.send(dead, "go");
        awaitExit(dead);

        Pid probe = processes.spawn(() -> {
            seen.add(Proc.monitor(dead));
            seen.forwardAll();
        });
        MonitorRef ref = seen.next(MonitorRef.class);

        assertThat(seen.next()).isEqualTo(new Down(ref, dead, ExitReason.noproc()));
        seen.assertStillServing(probe);
    }

    @ParameterizedTest(name = "after {0}, to a {1} caller")
    @MethodSource("table")
    void aLinkSetAfterTheEndSignalsNoproc(Kind kind, Receiver receiver) throws Exception {
        Pid dead = dyingOnRequest(kind);
        Proc.send(dead, "go");
        awaitExit(dead);

        Pid probe = processes.spawn(() -> {
            Proc.trapExit(receiver.traps());
            Proc.link(dead);
            seen.add("linked");
            seen.forwardAll();
        });

        if (receiver.traps()) {
            assertThat(seen.next()).isEqualTo("linked");
            assertThat(seen.next()).isEqualTo(new ExitSignal(dead, ExitReason.noproc()));
            seen.assertStillServing(probe);
        } else {
            assertThat(awaitExit(probe)).isEqualTo(ExitReason.noproc());
            assertThat(seen.drain()).isEmpty(); // link() itself did not return
        }
    }
}
