package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.Counter.Add;
import dev.peeper.durable.Counter.Get;
import dev.peeper.durable.RecordingListener.Changed;
import dev.peeper.durable.RecordingListener.Terminated;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.Sys;
import dev.peeper.supervisor.ChildInfo;
import dev.peeper.supervisor.DynamicSupervisor;
import dev.peeper.supervisor.DynamicSupervisorOptions;
import dev.peeper.supervisor.DynamicSupervisorRef;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transfer row of the design table: a running server moves from one dynamic supervisor to another with its
 * state, listener, name and the messages queued while it moved; if the move fails, it keeps running where it was,
 * with its state, and nothing it has (its {@code terminate}, its listener) notices the attempt.
 */
class TransferTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();
    private final RecordingListener listener = new RecordingListener();
    private final String name = Peepers.uniqueName();

    private DynamicSupervisorRef dynamicSupervisor(DynamicSupervisorOptions options) {
        DynamicSupervisorRef sup = DynamicSupervisor.start(options);
        peepers.track(sup.pid());
        return sup;
    }

    /** A named counter with a listener under {@code sup}, counted up to 5. */
    private PeeperRef counterUnder(DynamicSupervisorRef sup) throws Exception {
        Pid pid = sup.startChild(Peeper.childSpec("counter", Counter.factory(probe), 0,
                PeeperOptions.named(name).withListener(listener)));
        PeeperRef ref = PeeperRef.of(pid);
        ref.cast(new Add(5));
        assertThat(listener.nextChange().newState()).isEqualTo(5);
        return ref;
    }

    /**
     * The old server's keeper is told it was handed over, not released: the state is its successor's (a replicated
     * keeper must not remove it, even if the successor never took it over), and the successor has a keeper of its own.
     */
    @Test
    void aTransferTellsTheOldKeeperItWasHandedOverRatherThanReleased() throws Exception {
        DynamicSupervisorRef from = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        DynamicSupervisorRef to = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        List<KeeperTest.RecordingKeeper> keepers = new CopyOnWriteArrayList<>();
        Pid pid = from.startChild(Peeper.childSpec("counter", Counter.factory(probe), 0,
                PeeperOptions.named(name).withKeeper(forName -> {
                    KeeperTest.RecordingKeeper keeper = new KeeperTest.RecordingKeeper();
                    keepers.add(keeper);
                    return keeper;
                })));
        PeeperRef old = PeeperRef.of(pid);
        old.cast(new Add(5));

        PeeperRef moved = Peeper.transfer(old, from, to);
        assertThat(moved.<Integer>call(new Get())).isEqualTo(5);
        Peepers.awaitExit(pid);

        assertThat(keepers).as("one keeper per server").hasSize(2);
        assertThat(keepers.get(0).transfers).as("the old server's: handed over").hasValue(1);
        assertThat(keepers.get(0).releases).as("the old server's: not released").hasValue(0);
        assertThat(keepers.get(1).transfers).as("the new server's: it runs").hasValue(0);
        assertThat(keepers.get(1).releases).hasValue(0);

        moved.stop();
        assertThat(keepers.get(1).releases).as("ended for good").hasValue(1);
    }

    @Test
    void aTransferKeepsStateListenerNameAndTheMessagesQueuedMeanwhile() throws Exception {
        DynamicSupervisorRef from = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        DynamicSupervisorRef to = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        PeeperRef old = counterUnder(from);
        Pid oldPid = old.pid();

        // messages that arrive while it moves: they wait, suspended, and must follow it
        Sys.suspend(old.server());
        old.cast(new Add(1));
        PeeperRef.named(name).cast(new Add(2));

        PeeperRef moved = Peeper.transfer(old, from, to);

        assertThat(moved.<Integer>call(new Get())).isEqualTo(8);
        Pid newPid = moved.pid();
        assertThat(newPid).isNotEqualTo(oldPid);
        assertThat(ProcessName.local(name).whereis()).isEqualTo(newPid);
        assertThat(Peepers.awaitExit(oldPid)).isEqualTo(ExitReason.shutdown("transferred"));
        assertThat(from.whichChildren()).isEmpty();
        assertThat(to.whichChildren()).extracting(ChildInfo::pid).containsExactly(newPid);
        assertThat(probe.inits).as("the new home resumes from the state, without init").hasValue(1);
        assertThat(probe.terminated).as("nothing ended: the old process needs no clean-up").isEmpty();

        // the listener moved with it: the queued casts are changes, and no onTerminate came for the old process
        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState).containsExactly(5, 6);
        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState).containsExactly(6, 8);

        // and the moved server is a Peeper server in its own right: its state survives its worker
        Peepers.kill(moved.worker());
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(8);
        // its new supervisor shuts it down (a stop would end this permanent child, and its new supervisor would
        // start it again from init)
        to.terminateChild(moved.pid());
        Terminated end = listener.nextTermination();
        assertThat(end.reason()).isEqualTo(ExitReason.shutdown());
        assertThat(end.lastState()).isEqualTo(8);
        assertThat(Peepers.next(probe.terminated)).isEqualTo(new Probe.Terminated(ExitReason.shutdown(), 8));
    }

    @Test
    void aTransferFromASupervisorThatIsNotItsOwnLeavesItRunningWhereItWas() throws Exception {
        DynamicSupervisorRef home = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        DynamicSupervisorRef stranger = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        DynamicSupervisorRef to = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        PeeperRef server = counterUnder(home);

        assertThatThrownBy(() -> Peeper.transfer(server, stranger, to))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("keeps running where it was");

        assertThatStillRunningAt(server, home);
        assertThat(to.whichChildren()).as("the half-made copy is gone").isEmpty();
    }

    @Test
    void aTransferToAFullSupervisorLeavesItRunningWhereItWas() throws Exception {
        DynamicSupervisorRef home = dynamicSupervisor(DynamicSupervisorOptions.defaults());
        DynamicSupervisorRef full = dynamicSupervisor(DynamicSupervisorOptions.defaults().withMaxChildren(0));
        PeeperRef server = counterUnder(home);

        assertThatThrownBy(() -> Peeper.transfer(server, home, full)).isInstanceOf(TransferException.class);

        assertThatStillRunningAt(server, home);
    }

    /**
     * The server is where it was, with its state and name, resumed, and neither its {@code terminate} nor its
     * listener noticed anything: the first event after the attempt is the next change.
     */
    private void assertThatStillRunningAt(PeeperRef server, DynamicSupervisorRef home) throws Exception {
        assertThat(server.isAlive()).isTrue();
        assertThat(ProcessName.local(name).whereis()).isEqualTo(server.pid());
        assertThat(home.whichChildren()).extracting(ChildInfo::pid).containsExactly(server.pid());
        PeeperRef.named(name).cast(new Add(1));
        assertThat(PeeperRef.named(name).<Integer>call(new Get())).isEqualTo(6);
        assertThat(listener.nextChange()).extracting(Changed::oldState, Changed::newState).containsExactly(5, 6);
        assertThat(probe.terminated).isEmpty();
        assertThat(probe.inits).hasValue(1);
    }
}
