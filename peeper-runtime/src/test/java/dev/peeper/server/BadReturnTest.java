package dev.peeper.server;

import static dev.peeper.server.ServerTesting.await;
import static dev.peeper.server.ServerTesting.awaitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.process.ExitReason;
import java.time.Duration;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A callback that returns {@code null} or a result its kind may not return crashes the server, naming itself. */
class BadReturnTest {
    @RegisterExtension
    final ServerTesting.Cleanup servers = new ServerTesting.Cleanup();

    /** Asserts that {@code reason} is a crash by {@link BadReturnException} naming {@code callback}. */
    private static ThrowingConsumer<ExitReason> badReturnFrom(String callback, String returned) {
        return reason -> assertThat(reason.cause())
                .isInstanceOf(BadReturnException.class)
                .hasMessageStartingWith("bad return from " + callback + ": " + returned)
                .hasMessageContaining(callback + " must return");
    }

    @Test
    void nullFromHandleCallCrashesTheServerAndFailsTheCaller() throws Exception {
        Scripted server = Scripted.server().onCall((request, from, state) -> null);
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        assertThatThrownBy(() -> ref.call("x", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ServerExitException.class, e -> {
                    assertThat(e.reason()).satisfies(badReturnFrom("handleCall", "null"));
                    assertThat(e).hasCauseInstanceOf(BadReturnException.class);
                });
        assertThat(awaitExit(ref.pid())).satisfies(badReturnFrom("handleCall", "null"));
        assertThat(await(server.terminated).reason()).satisfies(badReturnFrom("handleCall", "null"));
    }

    @Test
    void replyFromHandleCastCrashesTheServer() throws Exception {
        Scripted server = Scripted.server().onCast((request, state) -> Reply.of("nobody asked", state));
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        ref.cast("x");

        assertThat(awaitExit(ref.pid())).satisfies(badReturnFrom("handleCast", "Reply"));
        assertThat(await(server.terminated).reason()).satisfies(badReturnFrom("handleCast", "Reply"));
    }

    @Test
    void stopWithReplyFromHandleCastCrashesTheServer() throws Exception {
        Scripted server = Scripted.server()
                .onCast((request, state) -> Stop.withReply(ExitReason.normal(), "nobody asked", state));
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        ref.cast("x");

        assertThat(awaitExit(ref.pid())).satisfies(badReturnFrom("handleCast", "Stop"));
    }

    @Test
    void nullFromHandleInfoCrashesTheServer() throws Exception {
        Scripted server = Scripted.server().onInfo((message, state) -> null);
        ServerRef ref = servers.track(GenServers.start(server, "s"));

        ref.send("x");

        assertThat(awaitExit(ref.pid())).satisfies(badReturnFrom("handleInfo", "null"));
    }

    @Test
    void replyFromHandleContinueCrashesTheServer() throws Exception {
        Scripted server = Scripted.server()
                .onInit(argument -> Next.of(argument).thenContinue("next"))
                .onContinue((next, state) -> Reply.of("nobody asked", state));
        ServerRef ref = GenServers.start(server, "s");

        assertThat(awaitExit(ref.pid())).satisfies(badReturnFrom("handleContinue", "Reply"));
    }

    @Test
    void replyFromInitFailsTheStart() {
        Scripted server = Scripted.server().onInit(argument -> Reply.of("nobody asked", argument));

        assertThatThrownBy(() -> GenServers.start(server, "s")).isInstanceOfSatisfying(StartException.class, e -> {
            assertThat(e.reason()).satisfies(badReturnFrom("init", "Reply"));
            assertThat(e).hasCauseInstanceOf(BadReturnException.class);
        });
    }

    @Test
    void nullFromInitFailsTheStart() {
        Scripted server = Scripted.server().onInit(argument -> null);

        assertThatThrownBy(() -> GenServers.start(server, "s")).isInstanceOfSatisfying(StartException.class,
                e -> assertThat(e.reason()).satisfies(badReturnFrom("init", "null")));
    }
}
