package dev.peeper.process;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.internal.InternalProc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Links and monitors beyond the signal table: setting and removing them, spawning with them, timing. */
class LinkAndMonitorTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private final Inbox seen = new Inbox();

    private static final IllegalStateException BOOM = new IllegalStateException("boom (thrown on purpose by a test)");

    /** A process that crashes with {@link #BOOM} when it receives anything. */
    private Pid crashingOnRequest() {
        return processes.spawn(() -> {
            Proc.receive();
            throw BOOM;
        });
    }

    // ---- links ----

    @Test
    void aLinkWorksBothWays() throws Exception {
        Pid other = processes.spawn(() -> {
            Proc.trapExit(true);
            seen.forwardAll();
        });
        Pid linking = processes.spawn(() -> {
            Proc.link(other);
            Proc.receive();
            throw BOOM;
        });

        Proc.send(linking, "crash now");

        assertThat(awaitExit(linking)).isEqualTo(ExitReason.crash(BOOM));
        assertThat(seen.next()).isEqualTo(new ExitSignal(linking, ExitReason.crash(BOOM)));
    }

    @Test
    void exitSignalsPropagateAlongAChainOfLinks() throws Exception {
        Pid last = processes.spawn(() -> {
            Proc.trapExit(true);
            seen.add("ready");
            seen.forwardAll();
        });
        assertThat(seen.next()).isEqualTo("ready");
        Pid middle = processes.spawn(() -> {
            Proc.link(last);
            seen.add("linked");
            Proc.receive();
        });
        assertThat(seen.next()).isEqualTo("linked");
        Pid first = processes.spawn(() -> {
            Proc.link(middle);
            Proc.receive();
            throw BOOM;
        });
        Proc.send(first, "crash now"); // queued until `first` has linked and receives

        assertThat(awaitExit(first)).isEqualTo(ExitReason.crash(BOOM));
        assertThat(awaitExit(middle)).isEqualTo(ExitReason.crash(BOOM));
        assertThat(seen.next()).isEqualTo(new ExitSignal(middle, ExitReason.crash(BOOM)));
    }

    @Test
    void linkingToItselfDoesNothing() throws Exception {
        Pid pid = processes.spawn(() -> {
            Proc.link(Proc.self());
            seen.add("linked");
            seen.forwardAll();
        });

        assertThat(seen.next()).isEqualTo("linked");
        seen.assertStillServing(pid);
    }

    @Test
    void unlinkStopsPropagation() throws Exception {
        Pid dying = crashingOnRequest();
        Pid probe = processes.spawn(() -> {
            Proc.link(dying);
            Proc.unlink(dying);
            seen.add(Proc.monitor(dying));
            Proc.send(dying, "go");
            seen.forwardAll();
        });
        MonitorRef ref = seen.next(MonitorRef.class);

        assertThat(seen.next()).isEqualTo(new Down(ref, dying, ExitReason.crash(BOOM)));
        seen.assertStillServing(probe);
    }

    @Test
    void unlinkByTheOtherSideStopsPropagationToo() throws Exception {
        Pid probe = processes.spawn(() -> {
            Pid dying = Proc.spawnLink(() -> {
                Proc.unlink(Proc.parent());
                Proc.receive();
                throw BOOM;
            });
            MonitorRef ref = Proc.monitor(dying);
            seen.add(ref);
            Proc.send(dying, "go");
            seen.forwardAll();
        });
        MonitorRef ref = seen.next(MonitorRef.class);

        assertThat(seen.next()).isEqualTo(new Down(ref, ref.target(), ExitReason.crash(BOOM)));
        seen.assertStillServing(probe);
    }

    @Test
    void unlinkOfAProcessThatWasNeverLinkedIsHarmless() throws Exception {
        Pid stranger = processes.spawn(Proc::receive);
        Pid probe = processes.spawn(() -> {
            Proc.unlink(stranger);
            seen.add("unlinked");
            seen.forwardAll();
        });

        assertThat(seen.next()).isEqualTo("unlinked");
        seen.assertStillServing(probe);
    }

    @Test
    void spawnLinkLinksBeforeTheChildRuns() throws Exception {
        Pid parent = processes.spawn(() -> {
            Proc.spawnLink(() -> {
                throw BOOM; // at once
            });
            Proc.receive(); // wait to be ended
        });

        assertThat(awaitExit(parent)).isEqualTo(ExitReason.crash(BOOM));
    }

    @Test
    void spawnLinkLinksBeforeTheChildRunsForATrappingParent() throws Exception {
        processes.spawn(() -> {
            Proc.trapExit(true);
            seen.add(Proc.spawnLink(() -> {
                throw BOOM;
            }));
            seen.forwardAll();
        });

        Pid child = seen.next(Pid.class);
        assertThat(seen.next()).isEqualTo(new ExitSignal(child, ExitReason.crash(BOOM)));
    }

    @Test
    void spawnOptionsLinkLinksBeforeTheChildRuns() throws Exception {
        processes.spawn(() -> {
            Proc.trapExit(true);
            seen.add(Proc.spawn(() -> Proc.exit(ExitReason.of("early")), SpawnOptions.defaults().withLink()));
            seen.forwardAll();
        });

        Pid child = seen.next(Pid.class);
        assertThat(seen.next()).isEqualTo(new ExitSignal(child, ExitReason.of("early")));
    }

    @Test
    void aChildEndedByItsLinkedParentEndsWithTheParentsReason() throws Exception {
        Pid parent = processes.spawn(() -> {
            seen.add(Proc.spawnLink(Proc::receive));
            Proc.receive();
            throw Proc.exit(ExitReason.shutdown("parent done"));
        });
        Pid child = seen.next(Pid.class);

        Proc.send(parent, "stop");

        assertThat(awaitExit(parent)).isEqualTo(ExitReason.shutdown("parent done"));
        assertThat(awaitExit(child)).isEqualTo(ExitReason.shutdown("parent done"));
    }

    @Test
    void aProcessThatExitsWithKillItselfPropagatesKillAsAnOrdinaryTrappableReason() throws Exception {
        // Erlang: only exit(Pid, kill) is untrappable; a link signal with reason kill is like any other
        Pid dying = processes.spawn(() -> {
            Proc.receive();
            throw Proc.exit(ExitReason.kill());
        });
        Pid trapping = processes.spawn(() -> {
            Proc.trapExit(true);
            Proc.link(dying);
            seen.add("linked");
            seen.forwardAll();
        });
        Pid plain = processes.spawn(() -> {
            Proc.link(dying);
            seen.add("linked");
            seen.forwardAll();
        });
        assertThat(seen.next()).isEqualTo("linked");
        assertThat(seen.next()).isEqualTo("linked");

        Proc.send(dying, "go");

        assertThat(awaitExit(dying)).isEqualTo(ExitReason.kill());
        assertThat(awaitExit(plain)).isEqualTo(ExitReason.kill());
        assertThat(seen.next()).isEqualTo(new ExitSignal(dying, ExitReason.kill()));
        seen.assertStillServing(trapping);
    }

    // ---- monitors ----

    @Test
    void everyMonitorDeliversItsOwnDown() throws Exception {
        Pid dying = crashingOnRequest();
        processes.spawn(() -> {
            seen.add(Proc.monitor(dying));
            seen.add(Proc.monitor(dying));
            Proc.send(dying, "go");
            seen.forwardAll();
        });
        MonitorRef first = seen.next(MonitorRef.class);
        MonitorRef second = seen.next(MonitorRef.class);

        assertThat(first).isNotEqualTo(second);
        assertThat(List.of(seen.next(), seen.next())).containsExactlyInAnyOrder(
                new Down(first, dying, ExitReason.crash(BOOM)),
                new Down(second, dying, ExitReason.crash(BOOM)));
    }

    @Test
    void demonitorStopsTheDown() throws Exception {
        Pid dying = crashingOnRequest();
        Pid probe = processes.spawn(() -> {
            MonitorRef dropped = Proc.monitor(dying);
            MonitorRef kept = Proc.monitor(dying);
            seen.add(Proc.demonitor(dropped));
            seen.add(Proc.demonitor(dropped)); // a second time: already gone
            seen.add(kept);
            Proc.send(dying, "go");
            seen.forwardAll();
        });

        assertThat(seen.next()).isEqualTo(true);
        assertThat(seen.next()).isEqualTo(false);
        MonitorRef kept = seen.next(MonitorRef.class);
        assertThat(seen.next()).isEqualTo(new Down(kept, dying, ExitReason.crash(BOOM)));
        seen.assertStillServing(probe); // and no Down for the dropped monitor
    }

    @Test
    void demonitorAfterTheDownReturnsFalse() throws Exception {
        Pid dying = crashingOnRequest();
        processes.spawn(() -> {
            MonitorRef ref = Proc.monitor(dying);
            Proc.send(dying, "go");
            seen.add(Proc.receive());
            seen.add(Proc.demonitor(ref));
        });

        assertThat(seen.next()).isInstanceOf(Down.class);
        assertThat(seen.next()).isEqualTo(false);
    }

    @Test
    void spawnMonitorMonitorsBeforeTheChildRuns() throws Exception {
        processes.spawn(() -> {
            seen.add(Proc.spawnMonitor(() -> {
                throw BOOM; // at once
            }));
            seen.forwardAll();
        });
        Spawned spawned = seen.next(Spawned.class);

        assertThat(spawned.monitor().target()).isEqualTo(spawned.pid());
        assertThat(seen.next()).isEqualTo(new Down(spawned.monitor(), spawned.pid(), ExitReason.crash(BOOM)));
    }

    @Test
    void spawnMonitorSetsTheSpawningProcessAsParent() throws Exception {
        Pid parent = processes.spawn(() -> {
            Proc.spawnMonitor(() -> seen.add(Proc.parent()));
            Proc.receive();
        });

        assertThat(seen.next()).isEqualTo(parent);
    }

    @Test
    void spawnOptionsMonitorMonitorsBeforeTheChildRuns() throws Exception {
        processes.spawn(() -> {
            seen.add(Proc.spawn(() -> {
                throw BOOM;
            }, SpawnOptions.defaults().withMonitor()));
            seen.forwardAll();
        });
        Pid child = seen.next(Pid.class);

        Down down = seen.next(Down.class);
        assertThat(down.pid()).isEqualTo(child);
        assertThat(down.ref().target()).isEqualTo(child);
        assertThat(down.reason()).isEqualTo(ExitReason.crash(BOOM));
    }

    @Test
    void aMonitorDoesNotLinkEitherWay() throws Exception {
        Pid watched = processes.spawn(Proc::receive);
        Pid watcher = processes.spawn(() -> {
            seen.add(Proc.monitor(watched));
            Proc.receive();
            throw BOOM;
        });
        seen.next(MonitorRef.class);
        Pid observer = processes.spawn(() -> {
            seen.add(Proc.monitor(watcher));
            seen.forwardAll();
        });
        seen.next(MonitorRef.class);

        Proc.send(watcher, "crash now");

        assertThat(seen.next(Down.class).pid()).isEqualTo(watcher);
        assertThat(Proc.isAlive(watched)).isTrue(); // the watcher's crash did not reach it
        seen.assertStillServing(observer);
    }

    // ---- spawn options ----

    @Test
    void spawnOptionsTrapExitTrapsFromTheFirstInstruction() throws Exception {
        CountDownLatch signalled = new CountDownLatch(1);
        Pid trapping = processes.track(Proc.spawn(() -> {
            signalled.await(); // the signal is in before this process looks at anything
            seen.add(Proc.isTrappingExits());
            seen.forwardAll();
        }, SpawnOptions.defaults().withTrapExit()));

        Proc.exit(trapping, ExitReason.shutdown());
        signalled.countDown();

        assertThat(seen.next()).isEqualTo(true);
        assertThat(seen.next(ExitSignal.class).reason()).isEqualTo(ExitReason.shutdown());
        seen.assertStillServing(trapping);
    }

    @Test
    void trapExitReturnsThePreviousSetting() throws Exception {
        processes.spawn(() -> {
            seen.add(Proc.isTrappingExits());
            seen.add(Proc.trapExit(true));
            seen.add(Proc.isTrappingExits());
            seen.add(Proc.trapExit(false));
            seen.add(Proc.isTrappingExits());
        });

        assertThat(List.of(seen.next(), seen.next(), seen.next(), seen.next(), seen.next()))
                .containsExactly(false, false, true, true, false);
    }

    @Test
    void signalsFromAPlainThreadComeFromThePidZero() throws Exception {
        Pid probe = processes.spawn(() -> {
            Proc.trapExit(true);
            seen.add("ready");
            seen.forwardAll();
        });
        assertThat(seen.next()).isEqualTo("ready");

        Proc.exit(probe, ExitReason.of("from outside"));

        ExitSignal signal = seen.next(ExitSignal.class);
        assertThat(signal.reason()).isEqualTo(ExitReason.of("from outside"));
        assertThat(signal.from()).hasToString("<0.0>");
        assertThat(signal.from().isLocal()).isFalse();
    }

    // ---- when a signal takes effect ----

    @Test
    void anExitSignalInterruptsAProcessBlockedInReceive() throws Exception {
        Pid pid = processes.spawn(() -> {
            seen.add("receiving");
            Proc.receive();
        });
        assertThat(seen.next()).isEqualTo("receiving");

        Proc.exit(pid, ExitReason.shutdown());

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.shutdown());
    }

    @Test
    void anExitSignalInterruptsAProcessBlockedInATimedReceive() throws Exception {
        Pid pid = processes.spawn(() -> {
            seen.add("receiving");
            Proc.receive(Duration.ofHours(1));
        });
        assertThat(seen.next()).isEqualTo("receiving");

        Proc.exit(pid, ExitReason.of("wake up"));

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.of("wake up"));
    }

    @Test
    void anExitSignalInterruptsAProcessBlockedInReceiveSystem() throws Exception {
        Pid pid = processes.spawn(() -> {
            seen.add("receiving");
            InternalProc.receiveSystem(Duration.ofHours(1));
        });
        assertThat(seen.next()).isEqualTo("receiving");

        Proc.exit(pid, ExitReason.kill());

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.killed());
    }

    @Test
    void anExitSignalInterruptsAnyInterruptibleWaitAndEndsWithTheSignalsReasonNotACrash() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Pid pid = processes.spawn(() -> {
            seen.add("waiting");
            never.await(); // throws InterruptedException when the signal comes
        });
        assertThat(seen.next()).isEqualTo("waiting");

        Proc.exit(pid, ExitReason.shutdown());

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.shutdown());
    }

    @Test
    void aBusyProcessEndsAtItsNextReceiveWithoutSeeingLaterMessages() throws Exception {
        Semaphore busy = new Semaphore(0);
        Pid pid = processes.spawn(() -> {
            seen.add("started");
            busy.acquireUninterruptibly(); // stands for a long computation: a signal cannot stop it
            seen.add("computed");
            seen.add(Proc.receive());
        });
        assertThat(seen.next()).isEqualTo("started"); // a signal sent earlier would end it before its body

        Proc.exit(pid, ExitReason.shutdown());
        Proc.send(pid, "after the signal");
        assertThat(Proc.isAlive(pid)).isTrue();
        busy.release();

        assertThat(seen.next()).isEqualTo("computed");
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.shutdown());
        assertThat(seen.drain()).isEmpty();
    }

    @Test
    void checkSignalsLetsABusyProcessHonourASignal() throws Exception {
        Semaphore busy = new Semaphore(0);
        Pid pid = processes.spawn(() -> {
            seen.add("started");
            busy.acquireUninterruptibly();
            Proc.checkSignals();
            seen.add("not ended");
        });
        assertThat(seen.next()).isEqualTo("started");

        Proc.exit(pid, ExitReason.shutdown());
        busy.release();

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.shutdown());
        assertThat(seen.drain()).isEmpty();
    }

    @Test
    void aSignalEndsTheProcessEvenIfItReturnsBeforeReceiving() throws Exception {
        Semaphore busy = new Semaphore(0);
        Pid pid = processes.spawn(() -> {
            seen.add("started");
            busy.acquireUninterruptibly();
        });
        assertThat(seen.next()).isEqualTo("started");

        Proc.exit(pid, ExitReason.of("late"));
        busy.release();

        assertThat(awaitExit(pid)).isEqualTo(ExitReason.of("late"));
    }

    @Test
    void aProcessThatSwallowsProcessExitStillEndsAtItsNextReceive() throws Exception {
        Pid pid = processes.spawn(() -> {
            try {
                seen.add("receiving");
                Proc.receive();
            } catch (ProcessExit swallowed) {
                seen.add(swallowed.reason());
            }
            Proc.receive(Duration.ZERO);
            seen.add("not ended");
        });
        assertThat(seen.next()).isEqualTo("receiving");

        Proc.exit(pid, ExitReason.shutdown());

        assertThat(seen.next()).isEqualTo(ExitReason.shutdown());
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.shutdown());
        assertThat(seen.drain()).isEmpty();
    }

    @Test
    void aSignalThatComesFirstAlwaysWinsOverMessagesSentAfterIt() throws Exception {
        // the signal and the Down come from one ending process, signal first; a process the signal ends must
        // never take the Down (or anything sent after the signal) as a message: run it many times to give
        // the race a chance
        for (int round = 0; round < 300; round++) {
            Inbox got = new Inbox();
            Pid dying = Proc.spawn(() -> {
                Proc.receive();
                throw Proc.exit(ExitReason.shutdown());
            });
            Pid probe = Proc.spawn(() -> {
                Proc.link(dying);
                Proc.monitor(dying);
                Proc.send(dying, "go");
                got.forwardAll();
            });

            assertThat(awaitExit(probe)).as("round %d", round).isEqualTo(ExitReason.shutdown());
            assertThat(got.drain()).as("what the probe took in round %d", round).isEmpty();
        }
    }

    @Test
    void demonitorAndFlushRemovesADownThatHasAlreadyArrived() throws Exception {
        processes.spawn(() -> {
            Spawned child = Proc.spawnMonitor(() -> {
                throw BOOM;
            });
            Proc.awaitExit(child.pid(), Inbox.TIMEOUT);
            seen.add(Proc.demonitorAndFlush(child.monitor()));
            Proc.send(Proc.self(), "marker");
            seen.add(Proc.receive()); // the Down would come first if it were still there
        });

        assertThat(seen.next()).isEqualTo(false);
        assertThat(seen.next()).isEqualTo("marker");
    }

    @Test
    void demonitorAndFlushOfALiveProcessRemovesTheMonitorAtOnce() throws Exception {
        Pid watched = processes.spawn(Proc::receive);
        processes.spawn(() -> {
            MonitorRef ref = Proc.monitor(watched);
            seen.add(Proc.demonitorAndFlush(ref));
            Proc.exit(watched, ExitReason.kill());
            Proc.awaitExit(watched, Inbox.TIMEOUT);
            Proc.send(Proc.self(), "marker");
            seen.add(Proc.receive());
        });

        assertThat(seen.next()).isEqualTo(true);
        assertThat(seen.next()).isEqualTo("marker");
    }

    @Test
    void spawnMonitorWithOptionsReturnsTheMonitorThatFires() throws Exception {
        processes.spawn(() -> {
            Spawned child = Proc.spawnMonitor(() -> {
                throw BOOM;
            }, SpawnOptions.defaults().withTrapExit());
            Down down = (Down) Proc.receive();
            seen.add(down.ref() == child.monitor());
        });

        assertThat(seen.next()).isEqualTo(true);
    }
}
