package dev.peeper.registry;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Inbox;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessCleanup;
import dev.peeper.registry.internal.LocalRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Names kept in a registry of the program's own, OTP's {@code {via, Module, Name}}. */
class ViaRegistryTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private final Inbox seen = new Inbox();
    private final MapRegistry registry = new MapRegistry();

    /** The smallest sound {@link NameRegistry}: a concurrent map. */
    static final class MapRegistry implements NameRegistry {
        final Map<Object, Pid> names = new ConcurrentHashMap<>();

        @Override
        public boolean register(Object name, Pid pid) {
            return names.putIfAbsent(name, pid) == null;
        }

        @Override
        public void unregister(Object name, Pid pid) {
            names.remove(name, pid);
        }

        @Override
        public Pid whereis(Object name) {
            return names.get(name);
        }

        @Override
        public String toString() {
            return "MapRegistry";
        }
    }

    @Test
    void registersInTheGivenRegistryOnly() {
        Pid pid = processes.spawn(Proc::receive);
        ProcessName name = ProcessName.via(registry, "orders");

        name.register(pid);

        assertThat(name.whereis()).isEqualTo(pid);
        assertThat(registry.names).containsEntry("orders", pid);
        assertThat(LocalRegistry.instance().whereis("orders")).isNotEqualTo(pid);
        assertThat(name).hasToString("{via, MapRegistry, orders}");
    }

    @Test
    void aTakenNameThrowsNamingTheHolder() {
        Pid holder = processes.spawn(Proc::receive);
        Pid other = processes.spawn(Proc::receive);
        ProcessName name = ProcessName.via(registry, "orders");
        name.register(holder);

        assertThatThrownBy(() -> name.register(other))
                .isInstanceOfSatisfying(NameTakenException.class, e -> {
                    assertThat(e.name()).isEqualTo("orders");
                    assertThat(e.holder()).isEqualTo(holder);
                });
    }

    @Test
    void theNameIsReleasedBeforeMonitorsHearOfTheEnd() throws Exception {
        ProcessName name = ProcessName.via(registry, "orders");
        Pid holder = processes.spawn(() -> {
            Proc.receive();
            throw new IllegalStateException("crash on purpose (test)");
        });
        name.register(holder);
        Pid watcher = processes.spawn(() -> {
            Proc.monitor(holder);
            Proc.send(holder, "crash now");
            seen.add(Proc.receive());
            seen.add(registry.names.isEmpty() ? "released" : registry.names);
            name.register(Proc.self()); // throws, and so ends the watcher, if the name were still taken
            seen.add("registered again");
            Proc.receive();
        });

        assertThat(seen.next(Down.class).pid()).isEqualTo(holder);
        assertThat(seen.next()).isEqualTo("released");
        assertThat(seen.next()).isEqualTo("registered again");
        assertThat(name.whereis()).isEqualTo(watcher);
    }

    @Test
    void unregisterReleasesOnlyForTheHolder() {
        Pid holder = processes.spawn(Proc::receive);
        Pid other = processes.spawn(Proc::receive);
        ProcessName name = ProcessName.via(registry, "orders");
        name.register(holder);

        name.unregister(other);
        assertThat(name.whereis()).isEqualTo(holder);
        name.unregister(holder);
        assertThat(name.whereis()).isNull();
    }

    @Test
    void aDeadProcessNeverKeepsAName() throws Exception {
        Pid dead = Proc.spawn(() -> { });
        awaitExit(dead);

        ProcessName.via(registry, "orders").register(dead);

        assertThat(registry.names).isEmpty();
    }

    @Test
    void theEndOfAFormerHolderDoesNotReleaseTheNameFromItsNewHolder() throws Exception {
        Pid former = processes.spawn(Proc::receive);
        Pid current = processes.spawn(Proc::receive);
        ProcessName name = ProcessName.via(registry, "orders");
        name.register(former);
        name.unregister(former);
        name.register(current);

        Proc.exit(former, ExitReason.shutdown());
        awaitExit(former);

        assertThat(name.whereis()).isEqualTo(current);
    }

    @Test
    void aProcessNameNeedsBothParts() {
        assertThatThrownBy(() -> ProcessName.via(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ProcessName.via(registry, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ProcessName.local(null)).isInstanceOf(NullPointerException.class);
    }
}
