package dev.peeper.samples;

import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperOptions;
import dev.peeper.durable.PeeperRef;
import dev.peeper.durable.StateListener;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.Registry;
import dev.peeper.server.GenServers;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import dev.peeper.server.StartOptions;
import dev.peeper.supervisor.ChildSpec;
import dev.peeper.supervisor.Supervisor;
import dev.peeper.supervisor.SupervisorFlags;
import dev.peeper.supervisor.SupervisorRef;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The README's demo: the same counter run twice under a supervisor, once as a plain server and once as a Peeper
 * server, crashed the same way. The plain one comes back empty; the Peeper one comes back with its count.
 */
public final class Demo {
    private Demo() {
    }

    /** Runs the demo and prints what happens, step by step. */
    public static void main(String[] args) throws Exception {
        say("Peeper for Java: a counter whose state survives crashes.");
        say("");
        plainServer();
        say("");
        peeperServer();
        say("");
        say("Done.");
    }

    private static void plainServer() throws Exception {
        say("1. A plain server under a supervisor (what OTP gives you):");
        String name = "plain-counter-" + UUID.randomUUID();
        SupervisorRef tree = Supervisor.start(SupervisorFlags.oneForOne(), List.of(ChildSpec.worker("counter",
                () -> GenServers.startLink(new CounterServer(), 0, StartOptions.named(name)).pid())));
        ServerRef counter = ServerRef.named(name);
        for (int i = 1; i <= 3; i++) {
            counter.cast(new CounterServer.Add(10));
        }
        int before = counter.call(new CounterServer.Get());
        say("   added 10 three times; the count is " + before);
        Pid crashed = counter.pid();
        crash(counter);
        awaitRestart(name, crashed);
        int after = counter.call(new CounterServer.Get());
        say("   the supervisor restarted it; the count is now " + after + "  <- the work is lost");
        tree.stop();
    }

    private static void peeperServer() throws Exception {
        say("2. The same counter as a Peeper server:");
        String name = "peeper-counter-" + UUID.randomUUID();
        PeeperRef counter = Peeper.start(CounterServer::new, 0, PeeperOptions.named(name)
                .withListener(new StateListener<Integer>() {
                    @Override
                    public void onStateChanged(Integer oldState, Integer newState) {
                        say("   [listener] state " + oldState + " -> " + newState);
                    }
                }));
        for (int i = 1; i <= 3; i++) {
            counter.cast(new CounterServer.Add(10));
        }
        int before = counter.call(new CounterServer.Get());
        say("   added 10 three times; the count is " + before);
        crash(counter.server());
        say("   calls queued behind the crash are still served:");
        counter.cast(new CounterServer.Add(1));
        int after = counter.call(new CounterServer.Get());
        say("   the worker was restarted " + counter.statistics().restarts() + " time(s), last because of: "
                + counter.statistics().lastCrash());
        say("   the count is now " + after + "  <- nothing lost, init did not run again");
        Pid worker = counter.worker();
        Proc.exit(worker, ExitReason.kill());
        Proc.awaitExit(worker, Duration.ofSeconds(5));
        int afterKill = counter.call(new CounterServer.Get());
        say("   killed the worker outright; the count is still " + afterKill + " (restarts: "
                + counter.statistics().restarts() + ")");
        counter.stop();
    }

    private static void crash(ServerRef counter) {
        try {
            counter.call(new CounterServer.Crash());
        } catch (ServerExitException e) {
            say("   called Crash: the caller got " + e.getClass().getSimpleName() + " caused by "
                    + e.getCause());
        }
    }

    private static void awaitRestart(String name, Pid crashed) throws Exception {
        Proc.awaitExit(crashed, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Registry.whereis(name).filter(p -> !p.equals(crashed)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the supervisor did not restart " + name);
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // a demo may poll; tests wait on events
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
