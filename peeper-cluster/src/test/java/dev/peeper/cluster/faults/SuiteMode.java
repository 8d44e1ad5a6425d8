package dev.peeper.cluster.faults;

import dev.peeper.cluster.ClusterOptions;
import dev.peeper.cluster.Replication;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How the fault suite's members keep their servers' states, which names and faults a run uses, and so what the
 * {@link Checker} may demand. The test JVM hands the mode to each member JVM as the system property
 * {@value #PROPERTY}.
 */
enum SuiteMode {
    /**
     * The defaults: a member acknowledges only while it sees a majority (2 of 3), states are replicated
     * synchronously. Every fault kind; counters and the cache; at most one incarnation of a name accepts updates at
     * any time.
     */
    MAJORITY(List.of("counter-0", "counter-1", "counter-2", "counter-3", "cache-0"),
            EnumSet.allOf(Nemesis.Fault.class)),
    /**
     * No majority asked for (a member alone acknowledges) and states replicated asynchronously: a member the others
     * removed goes on serving its side, so two incarnations of a name accept updates at once, by design, and the
     * heal merges their states through the ledgers' {@code resolveConflict} (each keeps the other's ops). Checked:
     * every acknowledged update present exactly once after the heals. Only the counters (a cache's two values of
     * one key have no merge that keeps both), and no kills: an asynchronous keeper may lose what its member
     * acknowledged in the last {@link #MAX_LAG} before it died, as documented.
     */
    RESOLVE(List.of("counter-0", "counter-1", "counter-2", "counter-3"),
            EnumSet.of(Nemesis.Fault.LONG_PAUSE, Nemesis.Fault.SHORT_PAUSE, Nemesis.Fault.LEAVE));

    /** The system property that tells a member JVM its mode. */
    static final String PROPERTY = "peeper.faults.mode";
    /** The asynchronous keepers' bound on how far their written state lags behind. */
    static final Duration MAX_LAG = Duration.ofMillis(100);

    final List<String> names;
    final Set<Nemesis.Fault> faults;

    SuiteMode(List<String> names, Set<Nemesis.Fault> faults) {
        this.names = names;
        this.faults = faults;
    }

    /** The mode a member JVM was started in. */
    static SuiteMode ofThisJvm() {
        return valueOf(System.getProperty(PROPERTY, MAJORITY.name()));
    }

    ClusterOptions options(ClusterOptions defaults) {
        return this == RESOLVE ? defaults.withMinimumMembers(1) : defaults;
    }

    Replication replication() {
        return this == RESOLVE ? Replication.asynchronous(100, MAX_LAG) : Replication.synchronous();
    }

    /** Whether at most one incarnation of a name may accept updates at any time. */
    boolean oneIncarnationAtATime() {
        return this == MAJORITY;
    }
}
