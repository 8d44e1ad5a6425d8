package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static dev.peeper.server.ServerTesting.awaitExit;
import static dev.peeper.server.ServerTesting.onThread;
import static dev.peeper.server.ServerTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.NameTakenException;
import dev.peeper.registry.Registry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link GenServers#start}: the init handshake, and every way a start fails. */
class StartTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    @Test
    void startReturnsOnlyAfterInitFinished() throws Exception {
        CountDownLatch initEntered = new CountDownLatch(1);
        CountDownLatch finishInit = new CountDownLatch(1);
        Scripted server = Scripted.server().onInit(argument -> {
            initEntered.countDown();
            finishInit.await();
            return Next.of("ready:" + argument);
        });

        CompletableFuture<ServerRef> start = onThread(() -> GenServers.start(server, "x"));
        await(initEntered);
        try {
            assertThat(start).as("start must wait for init").isNotDone();
        } finally {
            finishInit.countDown();
        }
        ServerRef ref = servers.track(await(start));

        assertThat(ref.isAlive()).isTrue();
        assertThat((String) ref.call("state")).isEqualTo("ready:x");
    }

    @Test
    void initThatThrowsFailsTheStartWithTheExceptionAndFreesTheName() throws Exception {
        String name = uniqueName();
        IllegalStateException boom = new IllegalStateException("cannot connect");
        Scripted failing = Scripted.server().onInit(argument -> {
            throw boom;
        });

        assertThatThrownBy(() -> GenServers.start(failing, null, StartOptions.named(name)))
                .isInstanceOfSatisfying(StartException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExitReason.crash(boom));
                    assertThat(e).hasCause(boom);
                    assertThat(e.getMessage()).contains("init");
                });

        assertThat(Registry.whereis(name)).isEmpty();
        ServerRef again = servers.track(GenServers.start(Scripted.server(), "second", StartOptions.named(name)));
        assertThat(Registry.whereis(name)).contains(again.pid());
        assertThat(failing.terminated).as("OTP does not run terminate for a failed init").isNotDone();
    }

    @Test
    void initThatReturnsStopFailsTheStartWithItsReasonAndFreesTheName() {
        String name = uniqueName();
        Scripted refusing = Scripted.server().onInit(argument -> Stop.of(ExitReason.of("bad_config"), argument));

        assertThatThrownBy(() -> GenServers.start(refusing, "config", StartOptions.named(name)))
                .isInstanceOfSatisfying(StartException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExitReason.of("bad_config"));
                    assertThat(e.getMessage()).contains("bad_config");
                });

        assertThat(Registry.whereis(name)).isEmpty();
        servers.track(GenServers.start(Scripted.server(), "second", StartOptions.named(name)));
        assertThat(refusing.terminated).isNotDone();
    }

    @Test
    void initThatDoesNotFinishInTimeIsKilledAndTheStartFails() throws Exception {
        String name = uniqueName();
        CompletableFuture<Pid> initPid = new CompletableFuture<>();
        CountDownLatch never = new CountDownLatch(1);
        Scripted slow = Scripted.server().onInit(argument -> {
            initPid.complete(Proc.self());
            never.await(); // interrupted by the kill
            return Next.of(argument);
        });
        StartOptions options = StartOptions.named(name).withInitTimeout(Duration.ofMillis(100));

        try {
            assertThatThrownBy(() -> GenServers.start(slow, null, options))
                    .isInstanceOfSatisfying(StartException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ExitReason.of("timeout"));
                        assertThat(e.getMessage()).contains("did not finish within", "PT0.1S");
                    });
        } finally {
            never.countDown();
        }

        Pid pid = await(initPid);
        assertThat(Proc.isAlive(pid)).as("killed before start threw").isFalse();
        assertThat(awaitExit(pid)).isEqualTo(ExitReason.killed());
        assertThat(Registry.whereis(name)).isEmpty();
        assertThat(slow.terminated).isNotDone();
        servers.track(GenServers.start(Scripted.server(), null, StartOptions.named(name)));
    }

    @Test
    void startWithATakenNameFailsClearlyAndLeavesTheHolderAlone() {
        String name = uniqueName();
        ServerRef holder = servers.track(GenServers.start(Scripted.server(), "holder", StartOptions.named(name)));
        AtomicBoolean initRan = new AtomicBoolean();
        Scripted second = Scripted.server().onInit(argument -> {
            initRan.set(true);
            return Next.of(argument);
        });

        assertThatThrownBy(() -> GenServers.start(second, "second", StartOptions.named(name)))
                .isInstanceOfSatisfying(StartException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExitReason.of("already_started"));
                    assertThat(e.getMessage()).contains(name, "already registered", holder.pid().toString());
                    assertThat(e.existing()).contains(holder.pid());
                    assertThat(e.getCause()).isInstanceOf(NameTakenException.class);
                });

        assertThat(initRan).as("init must not run when the name is taken").isFalse();
        assertThat(Registry.whereis(name)).contains(holder.pid());
        assertThat((String) ServerRef.named(name).call("state")).isEqualTo("holder");
    }

    @Test
    void initCanSetAStateOfAnyKindIncludingNull() {
        ServerRef ref = servers.track(GenServers.start(Scripted.server(), null));

        assertThat((Object) ref.call("state")).isNull();
    }

    @Test
    void initTimeoutMustBePositive() {
        assertThatThrownBy(() -> StartOptions.defaults().withInitTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initTimeout");
    }
}
