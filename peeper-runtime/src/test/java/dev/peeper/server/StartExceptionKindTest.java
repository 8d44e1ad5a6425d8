package dev.peeper.server;

import static dev.peeper.server.ServerTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Proc;
import dev.peeper.server.StartException.Kind;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way a plain server's start fails has its own {@link StartException#kind()}, so a caller switches on the kind
 * rather than on the message; the exception the starter sees (a copy with its own stack) keeps it.
 */
class StartExceptionKindTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    @Test
    void anInitThatThrowsIsInitFailed() {
        Scripted failing = Scripted.server().onInit(argument -> {
            throw new IllegalStateException("cannot connect (thrown on purpose by a test)");
        });

        assertThat(kindOf(() -> GenServers.start(failing, null))).isEqualTo(Kind.INIT_FAILED);
    }

    @Test
    void anInitThatReturnsStopIsInitStopped() {
        Scripted refusing = Scripted.server().onInit(argument -> Stop.of(ExitReason.of("bad_config"), argument));

        assertThat(kindOf(() -> GenServers.start(refusing, null))).isEqualTo(Kind.INIT_STOPPED);
    }

    @Test
    void anInitThatDoesNotFinishInTimeIsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Scripted slow = Scripted.server().onInit(argument -> {
            never.await(); // interrupted by the kill
            return Next.of(argument);
        });
        StartOptions options = StartOptions.defaults().withInitTimeout(Duration.ofMillis(100));

        try {
            assertThat(kindOf(() -> GenServers.start(slow, null, options))).isEqualTo(Kind.TIMEOUT);
        } finally {
            never.countDown();
        }
    }

    /** The starter fails the start before it kills the server: the server still frees its name before it ends. */
    @Test
    void aNamedServerWhoseInitTimesOutFreesItsNameBeforeTheStartFails() {
        String name = uniqueName();
        CountDownLatch never = new CountDownLatch(1);
        Scripted slow = Scripted.server().onInit(argument -> {
            never.await(); // interrupted by the kill
            return Next.of(argument);
        });
        try {
            assertThat(kindOf(() -> GenServers.start(slow, null,
                    StartOptions.named(name).withInitTimeout(Duration.ofMillis(100))))).isEqualTo(Kind.TIMEOUT);
        } finally {
            never.countDown();
        }

        servers.track(GenServers.start(Scripted.server(), "second", StartOptions.named(name)));
    }

    @Test
    void aTakenNameIsAlreadyStarted() {
        String name = uniqueName();
        servers.track(GenServers.start(Scripted.server(), "holder", StartOptions.named(name)));

        assertThat(kindOf(() -> GenServers.start(Scripted.server(), "second", StartOptions.named(name))))
                .isEqualTo(Kind.ALREADY_STARTED);
    }

    @Test
    void aServerKilledDuringInitIsExited() {
        Scripted killedInInit = Scripted.server().onInit(argument -> {
            Proc.exit(Proc.self(), ExitReason.kill());
            return Next.of(argument);
        });

        assertThat(kindOf(() -> GenServers.start(killedInInit, null))).isEqualTo(Kind.EXITED);
    }

    @Test
    void theConstructorWithoutAKindGivesOther() {
        assertThat(new StartException("made by hand", ExitReason.normal()).kind()).isEqualTo(Kind.OTHER);
        assertThat(new StartException(Kind.TIMEOUT, "made by hand", ExitReason.of("timeout")).kind())
                .isEqualTo(Kind.TIMEOUT);
    }

    private static Kind kindOf(Runnable start) {
        StartException failed = catchThrowableOfType(StartException.class, start::run);
        assertThat(failed).as("the start must fail").isNotNull();
        return failed.kind();
    }
}
