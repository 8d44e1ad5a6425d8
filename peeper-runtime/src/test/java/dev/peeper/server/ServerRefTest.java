package dev.peeper.server;

import static dev.peeper.server.ServerTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.NoProcessException;
import dev.peeper.registry.ProcessName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ServerRef}: by pid, or by name looked up on every use. */
class ServerRefTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    @Test
    void aRefByNameReachesWhicheverProcessHoldsTheNameNow() {
        String name = uniqueName();
        ServerRef byName = ServerRef.named(name);
        ServerRef first = servers.track(GenServers.start(Scripted.server(), "first", StartOptions.named(name)));

        String fromFirst = byName.call("who");
        assertThat(byName.pid()).isEqualTo(first.pid());
        first.stop();

        assertThat(byName.isAlive()).isFalse();
        assertThatThrownBy(() -> byName.call("who")).isInstanceOf(NoProcessException.class).hasMessageContaining(name);
        assertThatThrownBy(byName::pid).isInstanceOf(NoProcessException.class);

        ServerRef second = servers.track(GenServers.start(Scripted.server(), "second", StartOptions.named(name)));
        String fromSecond = byName.call("who");

        assertThat(fromFirst).isEqualTo("first");
        assertThat(fromSecond).isEqualTo("second");
        assertThat(byName.pid()).isEqualTo(second.pid()).isNotEqualTo(first.pid());
        assertThat(byName.isAlive()).isTrue();
        assertThat(first.isAlive()).as("a ref by pid stays with its process").isFalse();
    }

    @Test
    void aNameCanBeGivenAsAProcessName() {
        String name = uniqueName();
        servers.track(GenServers.start(Scripted.server(), "s", StartOptions.named(ProcessName.local(name))));

        assertThat((String) ServerRef.named(ProcessName.local(name)).call("who")).isEqualTo("s");
        assertThat(ServerRef.named(ProcessName.local(name))).isEqualTo(ServerRef.named(name));
        assertThat(ServerRef.named(name)).hasToString(name);
    }

    @Test
    void refsByPidAreEqualForTheSamePid() {
        ServerRef ref = servers.track(GenServers.start(Scripted.server(), "s"));

        assertThat(ServerRef.of(ref.pid())).isEqualTo(ref).hasSameHashCodeAs(ref).hasToString(ref.pid().toString());
        assertThat(ServerRef.of(ref.pid())).isNotEqualTo(ServerRef.named(uniqueName()));
    }
}
