package dev.peeper.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peeper.durable.Counter.FailInit;
import dev.peeper.durable.Counter.RefuseInit;
import dev.peeper.process.ExitReason;
import dev.peeper.server.StartException;
import dev.peeper.server.StartException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Peeper server's failed start says its kind, as a plain server's does, including the Peeper-only failures. */
class StartKindTest {
    @RegisterExtension
    final Peepers peepers = new Peepers();

    private final Probe probe = new Probe();

    @Test
    void anInitThatThrowsIsInitFailed() {
        assertThat(kindOf(new FailInit("no config file"), PeeperOptions.defaults())).isEqualTo(Kind.INIT_FAILED);
    }

    @Test
    void anInitThatRefusesIsInitStopped() {
        assertThat(kindOf(new RefuseInit(ExitReason.of("not_today")), PeeperOptions.defaults()))
                .isEqualTo(Kind.INIT_STOPPED);
    }

    @Test
    void anInitSlowerThanTheInitTimeoutIsTimeout() {
        assertThat(kindOf(new Counter.HangInit(), PeeperOptions.defaults().withInitTimeout(Duration.ofMillis(100))))
                .isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aTakenNameIsAlreadyStarted() {
        String name = Peepers.uniqueName();
        peepers.start(Counter.factory(probe), 1, PeeperOptions.named(name));

        assertThat(kindOf(2, PeeperOptions.named(name))).isEqualTo(Kind.ALREADY_STARTED);
    }

    @Test
    void aFactoryThatThrowsIsInitFailed() {
        StartException failed = catchThrowableOfType(StartException.class, () -> Peeper.start(() -> {
            throw new IllegalStateException("no counter today (thrown on purpose by a test)");
        }, 0, PeeperOptions.defaults()));

        assertThat(failed.kind()).isEqualTo(Kind.INIT_FAILED);
    }

    private Kind kindOf(Object argument, PeeperOptions options) {
        StartException failed = catchThrowableOfType(StartException.class,
                () -> peepers.start(Counter.factory(probe), argument, options));
        assertThat(failed).as("the start must fail").isNotNull();
        return failed.kind();
    }
}
