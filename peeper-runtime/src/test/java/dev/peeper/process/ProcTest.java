package dev.peeper.process;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.internal.InternalProc;
import dev.peeper.process.internal.SystemMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spawning, identity, sending and receiving, system messages, and how a process's own code ends it. */
class ProcTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private final Inbox seen = new Inbox();

    record Sys(int n) implements SystemMessage {
    }

    record Numbered(int sender, int seq) {
    }

    // ---- spawn and identity ----

    @Test
    void spawnRunsTheBodyAsAProcessWhoseSelfIsTheReturnedPid() throws Exception {
        Pid pid = Proc.spawn(() -> {
            seen.add(Proc.isProcess());
            seen.add(Proc.self());
        });

        assertThat(seen.next()).isEqualTo(true);
        assertThat(seen.next()).isEqualTo(pid);
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.normal());
    }

    @Test
    void everyProcessHasItsOwnLocalPid() throws Exception {
        Pid first = Proc.spawn(() -> { });
        Pid second = Proc.spawn(() -> { });

        assertThat(first).isNotEqualTo(second);
        assertThat(first.isLocal()).isTrue();
        assertThat(first.node()).isZero();
        assertThat(first.compareTo(second)).isNegative();
        assertThat(first.toString()).isEqualTo("<0." + first.serial() + ">");
        assertThat(first).hasSameHashCodeAs(first);
    }

    @Test
    void aPlainThreadIsNotAProcess() {
        assertThat(Proc.isProcess()).isFalse();
    }

    @Test
    void operationsOfTheCallingProcessFailClearlyOnAPlainThread() {
        List<ThrowingCallable> insideOnly = List.of(
                Proc::self,
                Proc::parent,
                Proc::receive,
                () -> Proc.receive(Duration.ofMillis(1)),
                () -> InternalProc.receiveSystem(Duration.ofMillis(1)),
                () -> Proc.exit(ExitReason.normal()),
                () -> Proc.trapExit(true),
                Proc::isTrappingExits,
                () -> Proc.link(Proc.spawn(() -> { })),
                () -> Proc.unlink(Proc.spawn(() -> { })),
                () -> Proc.monitor(Proc.spawn(() -> { })),
                () -> Proc.spawnLink(() -> { }),
                () -> Proc.spawnMonitor(() -> { }),
                () -> Proc.spawn(() -> { }, SpawnOptions.defaults().withLink()),
                () -> Proc.spawn(() -> { }, SpawnOptions.defaults().withMonitor()));

        for (ThrowingCallable call : insideOnly) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a process");
        }
    }

    @Test
    void parentIsTheSpawningProcess() throws Exception {
        Pid outer = Proc.spawn(() -> Proc.spawn(() -> seen.add(Proc.parent())));

        assertThat(seen.next()).isEqualTo(outer);
    }

    @Test
    void parentIsNullForAProcessSpawnedFromAPlainThread() throws Exception {
        Pid pid = Proc.spawn(() -> seen.add(Proc.parent() == null ? "no parent" : Proc.parent()));

        assertThat(seen.next()).isEqualTo("no parent");
        awaitExit(pid);
    }

    @Test
    void isAliveUntilTheProcessEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = processes.spawn(release::await);

        assertThat(Proc.isAlive(pid)).isTrue();
        release.countDown();
        awaitExit(pid);
        assertThat(Proc.isAlive(pid)).isFalse();
    }

    // ---- messages ----

    @Test
    void messagesFromOneSenderArriveInTheOrderSent() throws Exception {
        int senders = 4;
        int perSender = 2_000;
        Pid receiver = Proc.spawn(() -> {
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < senders * perSender; i++) {
                got.add(Proc.receive());
            }
            seen.add(got);
        });
        for (int s = 0; s < senders; s++) {
            int sender = s;
            ProcessBody send = () -> {
                for (int i = 0; i < perSender; i++) {
                    Proc.send(receiver, new Numbered(sender, i));
                }
            };
            if (s % 2 == 0) {
                Proc.spawn(send); // from processes
            } else {
                Thread.ofPlatform().start(() -> { // and from plain threads
                    try {
                        send.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }

        List<?> got = seen.next(List.class);
        for (int s = 0; s < senders; s++) {
            int sender = s;
            assertThat(got.stream().map(Numbered.class::cast).filter(m -> m.sender() == sender).map(Numbered::seq))
                    .as("messages from sender %d", sender)
                    .containsExactlyElementsOf(IntStream.range(0, perSender).boxed().toList());
        }
        awaitExit(receiver);
    }

    @Test
    void receiveWithATimeoutReturnsNullWhenNothingArrives() throws Exception {
        Pid pid = Proc.spawn(() -> {
            seen.add(Proc.receive(Duration.ofMillis(20)));
            seen.add(Proc.receive(Duration.ZERO));
        });

        assertThat(seen.next()).isSameAs(Inbox.NOTHING);
        assertThat(seen.next()).isSameAs(Inbox.NOTHING);
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.normal());
    }

    @Test
    void receiveWithATimeoutReturnsAMessageThatArrivesWhileWaiting() throws Exception {
        Pid pid = Proc.spawn(() -> {
            seen.add("waiting");
            seen.add(Proc.receive(Duration.ofHours(1)));
        });

        assertThat(seen.next()).isEqualTo("waiting");
        Proc.send(pid, "hello");
        assertThat(seen.next()).isEqualTo("hello");
        awaitExit(pid);
    }

    @Test
    void receiveWithoutWaitingTakesAQueuedMessage() throws Exception {
        CountDownLatch queued = new CountDownLatch(1);
        Pid pid = Proc.spawn(() -> {
            queued.await();
            seen.add(Proc.receive(Duration.ZERO));
        });

        Proc.send(pid, "queued");
        queued.countDown();
        assertThat(seen.next()).isEqualTo("queued");
        awaitExit(pid);
    }

    @Test
    void receiveRefusesANegativeTimeout() throws Exception {
        Pid pid = Proc.spawn(() -> Proc.receive(Duration.ofMillis(-1)));

        assertThat(awaitExit(pid).cause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void sendRefusesNull() {
        Pid pid = processes.spawn(Proc::receive);

        assertThatThrownBy(() -> Proc.send(pid, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void mailboxLengthCountsWaitingMessages() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = processes.spawn(() -> {
            release.await();
            seen.add(Proc.receive());
            seen.add(Proc.mailboxLength(Proc.self()));
            Proc.receive(); // wait for the end
        });

        assertThat(Proc.mailboxLength(pid)).isZero();
        Proc.send(pid, "a");
        Proc.send(pid, "b");
        Proc.send(pid, new Sys(1));
        assertThat(Proc.mailboxLength(pid)).isEqualTo(3);

        release.countDown();
        assertThat(seen.next()).isEqualTo(new Sys(1));
        assertThat(seen.next()).isEqualTo(2);
    }

    @Test
    void mailboxLengthIsZeroOnceTheProcessHasEnded() throws Exception {
        Pid pid = Proc.spawn(() -> { });
        awaitExit(pid);

        Proc.send(pid, "a"); // sending to a dead process does nothing ...
        Proc.send(pid, new Sys(1));

        assertThat(Proc.mailboxLength(pid)).isZero(); // ... and keeps nothing
    }

    // ---- system messages ----

    @Test
    void systemMessagesAreReceivedBeforeEarlierOrdinaryMessages() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = Proc.spawn(() -> {
            release.await();
            for (int i = 0; i < 5; i++) {
                seen.add(Proc.receive());
            }
        });

        Proc.send(pid, "a");
        Proc.send(pid, "b");
        Proc.send(pid, new Sys(1));
        Proc.send(pid, "c");
        Proc.send(pid, new Sys(2));
        release.countDown();

        assertThat(List.of(seen.next(), seen.next(), seen.next(), seen.next(), seen.next()))
                .containsExactly(new Sys(1), new Sys(2), "a", "b", "c");
        awaitExit(pid);
    }

    @Test
    void receiveSystemLeavesOrdinaryMessagesQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid pid = Proc.spawn(() -> {
            release.await();
            seen.add(InternalProc.receiveSystem(Inbox.TIMEOUT));
            seen.add(InternalProc.receiveSystem(Duration.ZERO));
            seen.add(Proc.mailboxLength(Proc.self()));
            seen.add(Proc.receive());
            seen.add(Proc.receive());
        });

        Proc.send(pid, "a");
        Proc.send(pid, new Sys(1));
        Proc.send(pid, "b");
        release.countDown();

        assertThat(seen.next()).isEqualTo(new Sys(1));
        assertThat(seen.next()).isSameAs(Inbox.NOTHING);
        assertThat(seen.next()).isEqualTo(2);
        assertThat(seen.next()).isEqualTo("a");
        assertThat(seen.next()).isEqualTo("b");
        awaitExit(pid);
    }

    @Test
    void receiveSystemWaitsForASystemMessagePastOrdinaryOnes() throws Exception {
        Pid pid = Proc.spawn(() -> {
            seen.add("waiting");
            seen.add(InternalProc.receiveSystem(Inbox.TIMEOUT));
            seen.add(Proc.receive());
        });

        assertThat(seen.next()).isEqualTo("waiting");
        Proc.send(pid, "ordinary");
        Proc.send(pid, new Sys(7));

        assertThat(seen.next()).isEqualTo(new Sys(7));
        assertThat(seen.next()).isEqualTo("ordinary");
        awaitExit(pid);
    }

    // ---- how a process's own code ends it ----

    @Test
    void returningEndsTheProcessWithNormal() throws Exception {
        Pid pid = Proc.spawn(() -> { });

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.normal());
    }

    @Test
    void anEscapingExceptionEndsTheProcessWithACrashCarryingIt() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Pid pid = Proc.spawn(() -> {
            throw boom;
        });

        ExitReason reason = awaitExit(pid);
        assertThat(reason).isEqualTo(new ExitReason.Crash(boom));
        assertThat(reason.cause()).isSameAs(boom);
        assertThat(reason.isNormalOrShutdown()).isFalse();
    }

    @Test
    void aCheckedExceptionIsACrashToo() throws Exception {
        IOException io = new IOException("disk gone");
        Pid pid = Proc.spawn(() -> {
            throw io;
        });

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.crash(io));
    }

    @Test
    void anErrorIsACrashToo() throws Exception {
        AssertionError error = new AssertionError("broken invariant");
        Pid pid = Proc.spawn(() -> {
            throw error;
        });

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.crash(error));
    }

    @Test
    void exitEndsTheCallingProcessWithTheReasonGiven() throws Exception {
        List<ExitReason> reasons = List.of(ExitReason.normal(), ExitReason.shutdown(), ExitReason.shutdown("detail"),
                ExitReason.of("bad_config"), ExitReason.crash(new IllegalStateException("boom")));
        for (ExitReason reason : reasons) {
            Pid pid = Proc.spawn(() -> {
                try {
                    throw Proc.exit(reason);
                } finally {
                    seen.add("unwound");
                }
            });

            assertThat(awaitExit(pid)).isEqualTo(reason);
            assertThat(seen.next()).isEqualTo("unwound");
        }
    }

    @Test
    void exitOfTheProcessItselfIsNotACrash() throws Exception {
        Pid pid = Proc.spawn(() -> {
            throw Proc.exit(ExitReason.of(List.of("error", 42)));
        });

        ExitReason reason = awaitExit(pid);
        assertThat(reason).isInstanceOf(ExitReason.Custom.class);
        assertThat(reason.cause()).isNull();
        assertThat(reason).hasToString("[error, 42]");
    }
}
