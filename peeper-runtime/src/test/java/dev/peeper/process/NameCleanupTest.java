package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.registry.internal.LocalRegistry;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local registry frees a process's names at its end with one clean-up, however often the process registers
 * and unregisters: a clean-up per registration would pile up in a process that does that in a loop.
 */
class NameCleanupTest {
    @RegisterExtension
    final ProcessCleanup processes = new ProcessCleanup();

    private final LocalRegistry registry = LocalRegistry.instance();

    @Test
    void registeringAgainAndAgainLeavesOneCleanUp() throws Exception {
        Pid pid = processes.track(Proc.spawn(Proc::receive));
        String name = "cleanup-" + UUID.randomUUID();
        for (int i = 0; i < 1_000; i++) {
            assertThat(registry.register(name, pid)).isTrue();
            registry.unregister(name, pid);
        }
        String kept = name + "-kept";
        assertThat(registry.register(kept, pid)).isTrue();

        assertThat(pid.process.cleanupCount()).isEqualTo(1);

        Proc.exit(pid, ExitReason.kill());
        Proc.whenExited(pid).get(5, TimeUnit.SECONDS);
        assertThat(registry.whereis(kept)).as("freed at the end").isNull();
        assertThat(registry.register(kept, Proc.spawn(Proc::receive))).isTrue();
        registry.unregister(kept);
    }

    @Test
    void aMovedNameIsFreedWithItsNewHolderOnly() throws Exception {
        Pid from = processes.track(Proc.spawn(Proc::receive));
        Pid to = processes.track(Proc.spawn(Proc::receive));
        String name = "moved-" + UUID.randomUUID();
        assertThat(registry.register(name, from)).isTrue();
        assertThat(registry.move(name, from, to)).isTrue();

        Proc.exit(from, ExitReason.kill());
        Proc.whenExited(from).get(5, TimeUnit.SECONDS);
        assertThat(registry.whereis(name)).as("the old holder's end leaves the name alone").isEqualTo(to);

        Proc.exit(to, ExitReason.kill());
        Proc.whenExited(to).get(5, TimeUnit.SECONDS);
        assertThat(registry.whereis(name)).isNull();
    }

    @Test
    void aDeadPidGetsNoName() throws Exception {
        Pid gone = Proc.spawn(() -> { });
        Proc.whenExited(gone).get(5, TimeUnit.SECONDS);
        String name = "dead-" + UUID.randomUUID();

        registry.register(name, gone);

        assertThat(registry.whereis(name)).isNull();
    }
}
