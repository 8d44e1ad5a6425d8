package dev.peeper.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The message is built lazily, so it must still say the same things, and survive serialization. */
class ServerExitExceptionTest {
    private static Pid endedProcess() throws Exception {
        Pid pid = Proc.spawn(() -> { });
        Proc.whenExited(pid).get(5, TimeUnit.SECONDS);
        return pid;
    }

    @Test
    void saysWhichServerEndedAndWhy() throws Exception {
        Pid pid = endedProcess();
        IllegalStateException cause = new IllegalStateException("boom");
        ServerExitException e = new ServerExitException(pid, ExitReason.crash(cause));
        assertThat(e.getMessage()).startsWith("server " + pid + " exited: ").contains("boom");
        assertThat(e).hasCause(cause);
        assertThat(new ServerExitException(pid, ExitReason.noproc()).getMessage())
                .isEqualTo("server " + pid + " is not alive");
    }

    @Test
    void theMessageSurvivesSerialization() throws Exception {
        Pid pid = endedProcess();
        ServerExitException sent = new ServerExitException(pid, ExitReason.of("shutdown"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sent);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ServerExitException received = (ServerExitException) in.readObject();
            assertThat(received.getMessage()).isEqualTo("server " + pid + " exited: shutdown");
            assertThat(received.server()).isNull(); // pids are not serialized; the message says which it was
        }
    }
}
