package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls that could never be answered fail at once (issue 9, items 5 and 13): a Peeper worker calling its own
 * server, by the server's pid or its own, is refused as a plain server calling itself is (it used to wait the
 * whole timeout); and a call to a worker that has ended fails with {@code noproc}, as {@code Pid} promises, instead
 * of being answered by the worker's successor through the mailbox they share.
 */
class SelfCallAndFormerWorkerTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    /** Call "server" or "worker": calls itself through that pid with an endless timeout; replies what happened. */
    static final class CallsItself implements Dispatcher<Integer> {
        @Override
        public Result<Integer> init(Object argument) {
            return Next.of(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, From<Object> from, Integer n) {
            Pid target = request.equals("server") ? Proc.parent() : Proc.self();
            try {
                ServerRef.of(target).call("anything", Duration.ofDays(1));
                return Reply.of("answered?!", n);
            } catch (IllegalStateException e) {
                return Reply.of(e.getMessage(), n);
            }
        }

        @Override
        public Result<Integer> handleCast(Object request, Integer n) {
            return Next.of(n);
        }
    }

    @Test
    void aWorkerCallingItsServerOrItselfIsRefusedAtOnce() throws Exception {
        PeeperRef server = peepers.start(CallsItself::new, null, PeeperOptions.defaults());

        assertThat(server.<String>call("server", Peepers.TIMEOUT)).contains("called itself");
        assertThat(server.<String>call("worker", Peepers.TIMEOUT)).contains("called itself");
    }

    @Test
    void aCallToAFormerWorkerFailsAtOnceWithNoproc() throws Exception {
        PeeperRef server = peepers.start(Counter.factory(new Probe()), 0, PeeperOptions.defaults());
        Pid former = Peepers.currentWorker(server);
        Peepers.kill(former);

        assertThatThrownBy(() -> ServerRef.of(former).call(new Add(1), Peepers.TIMEOUT))
                .isInstanceOfSatisfying(ServerExitException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
        Proc.send(former, new Counter.Crash("a message to a former worker is dropped"));
        ServerRef.of(former).cast(new Add(10));
        assertThat(server.<Integer>call(new Get())).as("nothing reached the successor").isZero();
        assertThat(server.statistics().restarts()).isEqualTo(1);
    }
}
