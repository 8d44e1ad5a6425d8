package dev.peeper.supervisor;

import static dev.peeper.supervisor.ExitWatch.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.GenServers;
import dev.peeper.server.Result;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartException;
import dev.peeper.server.StartOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A supervisor starts its children in order, stops them in reverse order, and fails its start cleanly. */
@Timeout(30)
class StartAndStopOrderTest {
    @RegisterExtension
    final SupervisorCleanup supervisors = new SupervisorCleanup();

    private final Journal journal = new Journal();

    @Test
    void childrenStartInOrderAndStopInReverseOrder() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal), TestWorker.spec("b", journal), TestWorker.spec("c", journal)));
        List<Pid> pids = journal.awaitStarts("a", "b", "c");

        sup.stop();

        assertThat(journal.history()).containsExactly(
                "start a", "start b", "start c", "stop c shutdown", "stop b shutdown", "stop a shutdown");
        assertThat(pids).noneMatch(Proc::isAlive);
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.normal());
    }

    @Test
    void startReturnsOnlyOnceEveryChildIsUpAndServing() {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal), TestWorker.spec("b", journal)));

        assertThat(journal.history()).containsExactly("start a", "start b");
        assertThat(sup.whichChildren()).extracting(ChildInfo::pid).allSatisfy(pid -> {
            assertThat(Proc.isAlive(pid)).isTrue();
            assertThat((String) ServerRef.of(pid).call(TestWorker.PING)).isEqualTo("pong");
        });
    }

    @Test
    void childrenAreLinkedToTheirSupervisor() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal)));
        Pid a = journal.awaitStart("a");

        Proc.exit(sup.pid(), ExitReason.kill()); // no terminate: only the link can tell the child

        assertThat(awaitExit(a)).isEqualTo(ExitReason.killed());
        assertThat(journal.awaitStop("a")).isEqualTo(ExitReason.killed());
    }

    @Test
    void nestedSupervisorsStopTheirWholeSubtreeInReverseOrder() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal),
                Supervisor.childSpec("inner", SupervisorFlags.oneForOne(), List.of(
                        TestWorker.spec("x", journal), TestWorker.spec("y", journal))),
                TestWorker.spec("b", journal)));
        journal.awaitStarts("a", "x", "y", "b");

        sup.stop();

        assertThat(journal.history()).containsExactly("start a", "start x", "start y", "start b",
                "stop b shutdown", "stop y shutdown", "stop x shutdown", "stop a shutdown");
    }

    @Test
    void aSupervisorStartedWithStartLinkStopsWithItsParent() throws Exception {
        CompletableFuture<SupervisorRef> started = new CompletableFuture<>();
        Pid parent = Proc.spawn(() -> {
            started.complete(Supervisor.startLink(SupervisorFlags.oneForOne(), List.of(
                    TestWorker.spec("a", journal), TestWorker.spec("b", journal)), StartOptions.defaults()));
            Proc.receive(); // until told to end
            Proc.exit(ExitReason.shutdown("parent done"));
        });
        SupervisorRef sup = started.get(Journal.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        supervisors.track(sup.pid());

        Proc.send(parent, "end now");

        // it ends with its parent's reason; its children are stopped the usual way, with shutdown
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.shutdown("parent done"));
        assertThat(journal.history()).containsExactly("start a", "start b", "stop b shutdown", "stop a shutdown");
    }

    @Test
    void aDynamicSupervisorStartedWithStartLinkStopsWithItsParent() throws Exception {
        CompletableFuture<DynamicSupervisorRef> started = new CompletableFuture<>();
        Pid parent = Proc.spawn(() -> {
            started.complete(DynamicSupervisor.startLink(DynamicSupervisorOptions.defaults(), StartOptions.defaults()));
            Proc.receive();
            throw new TestWorker.Boom("parent crashes (on purpose)");
        });
        DynamicSupervisorRef sup = started.get(Journal.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        supervisors.track(sup.pid());
        sup.startChild(TestWorker.spec("a", journal));

        Proc.send(parent, "crash now");

        assertThat(awaitExit(sup.pid())).isInstanceOf(ExitReason.Crash.class);
        assertThat(journal.history()).containsExactly("start a", "stop a shutdown");
    }

    @Test
    void aSupervisorWithoutChildrenStartsAndStops() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of());

        assertThat(sup.whichChildren()).isEmpty();
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(0, 0, 0, 0));
        sup.stop();
        assertThat(awaitExit(sup.pid())).isEqualTo(ExitReason.normal());
    }

    @Test
    void aChildWhoseStartThrowsFailsTheSupervisorStartAfterStoppingTheChildrenAlreadyStarted() throws Exception {
        IllegalStateException noDatabase = new IllegalStateException("no database (thrown on purpose)");
        List<ChildSpec> children = List.of(
                TestWorker.spec("a", journal),
                TestWorker.spec("b", journal),
                ChildSpec.worker("c", () -> {
                    throw noDatabase;
                }),
                TestWorker.spec("d", journal));

        assertThatThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), children))
                .isInstanceOf(StartException.class)
                .hasMessageContaining("child c failed to start, so the supervisor did not start")
                .hasMessageContaining("no database")
                .cause().isInstanceOf(SupervisorException.class).cause().isSameAs(noDatabase);

        // stopped (in reverse order) before start threw, and d was never started
        assertThat(journal.history()).containsExactly("start a", "start b", "stop b shutdown", "stop a shutdown");
        assertThat(journal.awaitStarts("a", "b")).noneMatch(Proc::isAlive);
    }

    @Test
    void aChildWhoseInitFailsFailsTheSupervisorStartWithItsReason() {
        List<ChildSpec> children = List.of(
                TestWorker.spec("a", journal),
                ChildSpec.worker("bad", () -> GenServers.startLink(new FailingInit(), null,
                        StartOptions.defaults()).pid()));

        assertThatThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), children))
                .isInstanceOf(StartException.class)
                .hasMessageContaining("child bad failed to start")
                .hasMessageContaining("init refused (on purpose)")
                .cause().isInstanceOf(SupervisorException.class).cause().isInstanceOf(StartException.class);
        assertThat(journal.history()).containsExactly("start a", "stop a shutdown");
    }

    @Test
    void aNamedSupervisorFreesItsNameWhenItsStartFails() {
        String name = "sup-" + UUID.randomUUID();
        List<ChildSpec> failing = List.of(ChildSpec.worker("c", () -> {
            throw new TestWorker.Boom("cannot start (on purpose)");
        }));

        assertThatThrownBy(() -> Supervisor.start(SupervisorFlags.oneForOne(), failing,
                StartOptions.named(name))).isInstanceOf(StartException.class);
        SupervisorRef again = Supervisor.start(SupervisorFlags.oneForOne(), List.of(), StartOptions.named(name));
        supervisors.track(again.pid());

        assertThat(new SupervisorRef(ServerRef.named(name)).countChildren().specs()).isZero();
    }

    @Test
    void aChildWhoseStartReturnsNullIsIgnoredButKept() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(
                TestWorker.spec("a", journal),
                ChildSpec.worker("ignored", () -> null),
                TestWorker.spec("c", journal)));
        Pid a = journal.awaitStart("a");
        Pid c = journal.awaitStart("c");

        assertThat(sup.whichChildren()).containsExactly(
                new ChildInfo("a", a, ChildType.WORKER, Restart.PERMANENT),
                new ChildInfo("ignored", null, ChildType.WORKER, Restart.PERMANENT),
                new ChildInfo("c", c, ChildType.WORKER, Restart.PERMANENT));
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(3, 2, 0, 3));
        assertThat(sup.restartChild("ignored")).isNull(); // ignored again, still no process
    }

    @Test
    void aStoppedSupervisorAnswersNoMoreRequests() throws Exception {
        SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));

        sup.stop();

        assertThatThrownBy(sup::whichChildren).isInstanceOf(ServerExitException.class);
        assertThatThrownBy(() -> sup.terminateChild("a")).isInstanceOf(ServerExitException.class);
    }

    /** A server whose {@code init} throws. */
    private static final class FailingInit implements Dispatcher<Object> {
        @Override
        public Result<Object> init(Object argument) {
            throw new TestWorker.Boom("init refused (on purpose)");
        }

        @Override
        public Result<Object> handleCall(Object request, From<Object> from, Object state) {
            throw new AssertionError("never started");
        }

        @Override
        public Result<Object> handleCast(Object request, Object state) {
            throw new AssertionError("never started");
        }
    }
}
