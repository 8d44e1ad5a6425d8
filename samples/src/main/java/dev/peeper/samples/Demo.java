package dev.peeper.samples;

import dev.peeper.durable.PeeperOptions;
import dev.peeper.durable.PeeperStatistics;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.registry.Registry;
import dev.peeper.samples.counter.Counter;
import dev.peeper.samples.counter.CounterClient;
import dev.peeper.samples.counter.Counter_Dispatcher;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The README's demo: the annotated {@link Counter} crashed twice over. First its generated dispatcher runs as a
 * plain server under a supervisor, which restarts it empty; then its generated {@link CounterClient} starts it as
 * a Peeper server, whose count survives a crash and a kill.
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
        say("Done. More samples: dev.peeper.samples.cache.HotCache (entries with a time-to-live) and");
        say("dev.peeper.samples.tree.AuditedTree (a supervision tree journaling state changes to a file).");
    }

    private static void plainServer() throws Exception {
        say("1. The counter as a plain server under a supervisor (what OTP gives you):");
        String name = "plain-counter";
        SupervisorRef tree = Supervisor.start(SupervisorFlags.oneForOne(), List.of(ChildSpec.worker("counter",
                () -> GenServers.startLink(new Counter_Dispatcher(), 0, StartOptions.named(name)).pid())));
        ServerRef counter = ServerRef.named(name);
        for (int i = 1; i <= 3; i++) {
            counter.cast(new Counter.Add(10));
        }
        int before = counter.call(new Counter.Get());
        say("   add(10) three times, then get(): " + before);
        Pid crashed = counter.pid();
        try {
            counter.call(new Counter.Crash());
        } catch (ServerExitException e) {
            say("   crash(): the caller gets " + describe(e));
        }
        awaitRestart(name, crashed);
        int after = counter.call(new Counter.Get());
        say("   the supervisor restarted it; get(): " + after + "   <- the work is lost");
        tree.stop();
    }

    private static void peeperServer() throws Exception {
        say("2. The same counter as a Peeper server, through its generated CounterClient:");
        CounterClient counter = CounterClient.start(0, PeeperOptions.named("counter"));
        for (int i = 1; i <= 3; i++) {
            counter.add(10);
        }
        say("   add(10) three times, then get(): " + counter.get());
        say("   worker: " + counter.worker());

        CompletableFuture<Void> crash = counter.crashAsync();
        counter.add(1);
        int afterCrash = counter.get();
        say("   crashAsync(), add(1) and get() sent back to back:");
        try {
            crash.join();
        } catch (CompletionException e) {
            say("     crash: the caller gets " + describe(e.getCause()));
        }
        say("     add(1) and get(), queued behind the crash, are still served: get() = " + afterCrash);
        PeeperStatistics statistics = counter.statistics();
        say("   restarts: " + statistics.restarts() + ", new worker: " + statistics.worker());
        say("   the count is " + afterCrash + "   <- nothing lost; init did not run again");

        Pid worker = counter.worker();
        Proc.exit(worker, ExitReason.kill());
        Proc.awaitExit(worker, Duration.ofSeconds(5));
        say("   Proc.exit(worker, kill): " + worker + " is gone");
        int afterKill = counter.get();
        say("   get(): " + afterKill + ", restarts: " + counter.statistics().restarts() + ", last exit: "
                + counter.statistics().lastCrash() + "   <- the state came back again");
        counter.stop();
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause();
        return e.getClass().getSimpleName() + (cause == null ? "" : ", caused by " + cause);
    }

    /** Waits until the supervisor has registered a new server under {@code name}. */
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
