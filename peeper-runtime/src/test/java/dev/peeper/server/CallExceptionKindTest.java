package dev.peeper.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failed call's kind is its class, and the three are all there is: a switch over them needs no default. */
class CallExceptionKindTest {
    /** Compiles only while CallException is sealed to exactly these three. */
    private static String kind(CallException e) {
        return switch (e) {
            case CallTimeoutException timeout -> "timeout";
            case ServerExitException exit -> exit.reason() instanceof ExitReason.NoProc ? "noproc" : "exit";
            case CallFailedException failed -> "failed";
        };
    }

    @Test
    void eachFailedCallIsOneOfThreeKinds() {
        ServerRef stopped = GenServers.start(Scripted.server(), null);
        stopped.stop();
        CallException noproc = catchThrowableOfType(CallException.class, () -> stopped.call("state"));
        Pid server = stopped.pid();

        assertThat(kind(noproc)).isEqualTo("noproc");
        assertThat(kind(new CallTimeoutException(server, "request", Duration.ofMillis(1)))).isEqualTo("timeout");
        assertThat(kind(new ServerExitException(server, ExitReason.shutdown()))).isEqualTo("exit");
        assertThat(kind(new CallFailedException(new IllegalStateException("refused")))).isEqualTo("failed");
    }
}
