package dev.peeper.bench.scenario;

import dev.peeper.bench.counter.HandCounter;
import dev.peeper.bench.counter.Msg;
import dev.peeper.durable.Peeper;
import dev.peeper.durable.PeeperRef;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;

/**
 * Lost updates: the case where Elixir's Peeper lost 84 of 1,000 updates (a cast followed by a crash). Every
 * completed update must survive every crash, so the final count must equal the number of casts.
 */
final class LostUpdates {
    /** Rounds between two checks; also bounds how far the sender runs ahead of the restarting server. */
    private static final int CHECK_EVERY = 10_000;

    private LostUpdates() {
    }

    /** {@code rounds} times: cast an increment, then cast a message whose handler throws (one crash per round). */
    static void castThenCrash(int rounds) {
        PeeperRef server = Peeper.start(HandCounter::new, 0, CrashRecovery.unlimitedRestarts());
        long start = System.nanoTime();
        long lostAtChecks = 0;
        for (int round = 1; round <= rounds; round++) {
            server.cast(new Msg.Add(1));
            server.cast(new Msg.Crash());
            if (round % CHECK_EVERY == 0) {
                int count = server.<Integer>call(new Msg.Get());
                lostAtChecks = Math.max(lostAtChecks, round - count);
            }
        }
        int count = server.<Integer>call(new Msg.Get());
        double seconds = (System.nanoTime() - start) / 1e9;
        long restarts = server.statistics().restarts();
        Scenarios.result("lost.rounds", rounds);
        Scenarios.result("lost.lost", (long) rounds - count);
        Scenarios.result("lost.lostAtChecks", lostAtChecks);
        Scenarios.result("lost.restarts", restarts);
        Scenarios.result("lost.seconds", seconds);
        Scenarios.result("lost.restartsPerSecond", restarts / seconds);
    }

    /**
     * {@code rounds} times: cast {@code castsPerRound} increments, kill whichever worker is running ({@code kill},
     * which cannot be trapped, arriving at whatever point of those casts the worker is), then call for the count,
     * which a restarted worker answers. Every cast must be counted.
     */
    static void killStorm(int rounds, int castsPerRound) {
        PeeperRef server = Peeper.start(HandCounter::new, 0, CrashRecovery.unlimitedRestarts());
        long start = System.nanoTime();
        long kills = 0;
        long casts = 0;
        long lostAtChecks = 0;
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < castsPerRound; i++) {
                server.cast(new Msg.Add(1));
            }
            casts += castsPerRound;
            Pid worker = server.worker();
            if (worker != null) { // null only in the instant between a crash and the restart
                Proc.exit(worker, ExitReason.kill());
                kills++;
            }
            int count = server.<Integer>call(new Msg.Get());
            lostAtChecks = Math.max(lostAtChecks, casts - count);
        }
        int count = server.<Integer>call(new Msg.Get());
        double seconds = (System.nanoTime() - start) / 1e9;
        Scenarios.result("storm.casts", casts);
        Scenarios.result("storm.kills", kills);
        Scenarios.result("storm.restarts", server.statistics().restarts());
        Scenarios.result("storm.lost", Math.max(lostAtChecks, casts - count));
        Scenarios.result("storm.seconds", seconds);
    }
}
