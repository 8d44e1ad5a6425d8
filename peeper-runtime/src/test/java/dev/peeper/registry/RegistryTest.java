package dev.peeper.registry;

import static dev.peeper.process.Inbox.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Inbox;
import dev.peeper.process.NoProcessException;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.ProcessCleanup;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Local names: the registry is global, so every test uses names of its own. */
class RegistryTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private final Inbox seen = new Inbox();
    private final String name = "registry-test-" + UUID.randomUUID();

    /** The ways a registered process can end. */
    enum Ending {
        RETURNS, CRASHES, EXITS, IS_KILLED;

        /** A process that ends this way once it receives anything (a kill needs no message). */
        ExitReason endOnRequest() {
            Proc.receive();
            return switch (this) {
                case RETURNS -> ExitReason.normal();
                case CRASHES -> throw new IllegalStateException("crash on purpose (test)");
                default -> throw Proc.exit(ExitReason.shutdown());
            };
        }

        void end(Pid pid) {
            if (this == IS_KILLED) {
                Proc.exit(pid, ExitReason.kill());
            } else {
                Proc.send(pid, "end now");
            }
        }
    }

    @Test
    void registerWhereisUnregister() {
        Pid pid = processes.spawn(Proc::receive);

        Registry.register(name, pid);

        assertThat(Registry.whereis(name)).contains(pid);
        assertThat(Registry.registered()).contains(name);
        assertThat(Registry.unregister(name)).isTrue();
        assertThat(Registry.whereis(name)).isEmpty();
        assertThat(Registry.registered()).doesNotContain(name);
        assertThat(Registry.unregister(name)).isFalse();
        assertThat(Proc.isAlive(pid)).isTrue(); // unregistering does not touch the process
    }

    @Test
    void sendByNameReachesTheProcess() throws Exception {
        Pid pid = processes.spawn(seen::forwardAll);
        Registry.register(name, pid);

        Registry.send(name, "hello");

        assertThat(seen.next()).isEqualTo("hello");
    }

    @Test
    void sendToAnUnknownNameThrowsNoProcess() {
        assertThatThrownBy(() -> Registry.send(name, "hello"))
                .isInstanceOf(NoProcessException.class)
                .hasMessageContaining(name);
    }

    @Test
    void registeringATakenNameThrowsNamingTheHolder() {
        Pid holder = processes.spawn(Proc::receive);
        Pid other = processes.spawn(Proc::receive);
        Registry.register(name, holder);

        assertThatThrownBy(() -> Registry.register(name, other))
                .isInstanceOfSatisfying(NameTakenException.class, e -> {
                    assertThat(e.name()).isEqualTo(name);
                    assertThat(e.holder()).isEqualTo(holder);
                })
                .hasMessageContaining(name)
                .hasMessageContaining(holder.toString());
        assertThat(Registry.whereis(name)).contains(holder);
    }

    @Test
    void registeringTheSameNameTwiceForTheSameProcessThrowsToo() {
        Pid holder = processes.spawn(Proc::receive);
        Registry.register(name, holder);

        assertThatThrownBy(() -> Registry.register(name, holder)).isInstanceOf(NameTakenException.class);
    }

    @Test
    void registeringADeadProcessThrowsNoProcess() throws Exception {
        Pid dead = Proc.spawn(() -> { });
        awaitExit(dead);

        assertThatThrownBy(() -> Registry.register(name, dead))
                .isInstanceOf(NoProcessException.class)
                .hasMessageContaining(dead.toString());
        assertThat(Registry.whereis(name)).isEmpty();
    }

    @ParameterizedTest(name = "when it {0}")
    @EnumSource(Ending.class)
    void aNameIsFreeBeforeMonitorsHearOfTheEnd(Ending ending) throws Exception {
        Pid holder = processes.spawn(ending::endOnRequest);
        Registry.register(name, holder);
        Pid watcher = processes.spawn(() -> {
            Proc.monitor(holder);
            ending.end(holder);
            seen.add(Proc.receive());
            seen.add(Registry.whereis(name)); // at the very moment the Down is taken
            try {
                Registry.register(name, Proc.self());
                seen.add("registered again");
            } catch (RuntimeException e) {
                seen.add(e);
            }
            Proc.receive();
        });

        assertThat(seen.next(Down.class).pid()).isEqualTo(holder);
        assertThat(seen.next()).isEqualTo(Optional.empty());
        assertThat(seen.next()).isEqualTo("registered again");
        assertThat(Registry.whereis(name)).contains(watcher);
    }

    @Test
    void aNameIsFreeWhenAwaitExitReturns() throws Exception {
        Pid holder = processes.spawn(Proc::receive);
        Registry.register(name, holder);

        Proc.exit(holder, ExitReason.shutdown());
        awaitExit(holder);

        assertThat(Registry.whereis(name)).isEmpty();
    }

    @Test
    void theEndOfAFormerHolderDoesNotReleaseTheNameFromItsNewHolder() throws Exception {
        Pid former = processes.spawn(Proc::receive);
        Pid current = processes.spawn(Proc::receive);
        Registry.register(name, former);
        Registry.unregister(name);
        Registry.register(name, current);

        Proc.exit(former, ExitReason.shutdown());
        awaitExit(former); // its name clean-up has run by now

        assertThat(Registry.whereis(name)).contains(current);
    }

    @Test
    void aProcessCanHoldSeveralNamesAndLosesThemAll() throws Exception {
        String other = name + "-other";
        Pid pid = processes.spawn(Proc::receive);
        Registry.register(name, pid);
        Registry.register(other, pid);

        Proc.exit(pid, ExitReason.shutdown());
        awaitExit(pid);

        assertThat(Registry.whereis(name)).isEmpty();
        assertThat(Registry.whereis(other)).isEmpty();
    }

    @Test
    void aProcessCanRegisterItself() throws Exception {
        Pid pid = processes.spawn(() -> {
            Registry.register(name, Proc.self());
            seen.add("registered");
            seen.forwardAll();
        });
        assertThat(seen.next()).isEqualTo("registered");

        Registry.send(name, "by name");

        assertThat(seen.next()).isEqualTo("by name");
        assertThat(Registry.whereis(name)).contains(pid);
    }

    @Test
    void processNameLocalUsesTheSameRegistry() {
        Pid pid = processes.spawn(Proc::receive);
        Pid other = processes.spawn(Proc::receive);
        ProcessName local = ProcessName.local(name);

        local.register(pid);

        assertThat(local.whereis()).isEqualTo(pid);
        assertThat(Registry.whereis(name)).contains(pid);
        assertThat(local).hasToString(name);
        local.unregister(other); // not the holder: nothing happens
        assertThat(local.whereis()).isEqualTo(pid);
        local.unregister(pid);
        assertThat(local.whereis()).isNull();
    }

    @Test
    void namesNeedNotBeStrings() {
        record Key(String service, int shard) {
        }
        Pid pid = processes.spawn(Proc::receive);
        Key key = new Key(name, 3);

        Registry.register(key, pid);

        assertThat(Registry.whereis(new Key(name, 3))).contains(pid);
        assertThat(Registry.whereis(new Key(name, 4))).isEmpty();
        Registry.unregister(key);
    }

    @Test
    void nullNamesAreRefused() {
        Pid pid = processes.spawn(Proc::receive);

        assertThatThrownBy(() -> Registry.register(null, pid)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Registry.whereis(null)).isInstanceOf(NullPointerException.class);
    }
}
