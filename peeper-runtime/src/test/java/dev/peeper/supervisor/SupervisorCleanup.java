package dev.peeper.supervisor;

import dev.peeper.process.ProcessCleanup;
import java.util.List;

/**
 * Starts supervisors for a test and kills, after the test, those still alive, so a failing test leaves no tree
 * behind it (children end through their links to the killed supervisor).
 *
 * <pre>{@code
 * @RegisterExtension final SupervisorCleanup supervisors = new SupervisorCleanup();
 * SupervisorRef sup = supervisors.start(SupervisorFlags.oneForOne(), List.of(TestWorker.spec("a", journal)));
 * }</pre>
 */
final class SupervisorCleanup extends ProcessCleanup {

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


}
