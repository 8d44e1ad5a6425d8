package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts supervisors for a test and kills, after the test, those still alive, so a failing test leaves no tree
 * behind it (children end through their links to the killed supervisor).
 *
 * <pre>{@code
 * @RegisterExtension final SupervisorCleanup supervisors = new SupervisorCleanup();
 * SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));
 * }</pre>
 */
final class SupervisorCleanup implements AfterEachCallback {
    private final List<Pid> tracked = new CopyOnWriteArrayList<>();

    SupervisorRef start(SupervisorFlags flags, List<ChildSpec> children) {
        SupervisorRef supervisor = Supervisor.start(flags, children);
        track(supervisor.pid());
        return supervisor;
    }

    DynamicSupervisorRef startDynamic(DynamicSupervisorOptions options) {
        DynamicSupervisorRef supervisor = DynamicSupervisor.start(options);
        track(supervisor.pid());
        return supervisor;
    }

    Pid track(Pid pid) {
        tracked.add(pid);
        return pid;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Pid pid : tracked) {
            Proc.exit(pid, ExitReason.kill());
        }
        for (Pid pid : tracked) {
            ExitWatch.awaitExit(pid);
        }
        tracked.clear();
    }
}
