package dev.peeper.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Kills, after each test, the processes the test asked it to track, so a failing test leaves no process
 * waiting for ever behind it. The clean-ups of the other test packages extend it with their own start helpers.
 *
 * <pre>{@code
 * @RegisterExtension final ProcessCleanup processes = new ProcessCleanup();
 * Pid probe = processes.spawn(() -> ...);
 * }</pre>
 */
public class ProcessCleanup implements AfterEachCallback {
    private final List<Pid> tracked = new CopyOnWriteArrayList<>();

    /** Spawns {@code body} from the calling thread and tracks it. */
    public Pid spawn(ProcessBody body) {
        return track(Proc.spawn(body));
    }

    /** Tracks {@code pid} and returns it. */
    public Pid track(Pid pid) {
        tracked.add(pid);
        return pid;
    }

    @Override
    public final void afterEach(ExtensionContext context) throws Exception {
        for (Pid pid : tracked) {
            Proc.exit(pid, ExitReason.kill());
        }
        for (Pid pid : tracked) {
            Inbox.awaitExit(pid);
        }
        tracked.clear();
    }
}
