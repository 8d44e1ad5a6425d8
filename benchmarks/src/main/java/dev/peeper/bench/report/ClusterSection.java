package dev.peeper.bench.report;

import static dev.peeper.bench.report.ReportWriter.f;
import static dev.peeper.bench.report.ReportWriter.x;

import java.util.Arrays;

/**
 * The report's cluster section (issues 11 and 12): what a synchronous-mode update and a remote call cost against the
 * engine's own round trip measured in the same run, what group commit buys casts, the heap of an idle distributed
 * server, and how long a failover takes (a member terminated in this JVM; a member JVM crashed or frozen), from the
 * {@code cluster-costs}, {@code cluster-casts}, {@code cluster-heap}, {@code cluster-failover} and
 * {@code child-failover} scenarios.
 */
final class ClusterSection {
    static final String HEADING = "## Cluster (issues 11 and 12)";
    /** The targets: each ratio at most this (p50 against p50). */
    static final double COST_TARGET = 1.2;
    static final double FAILOVER_TARGET_MS = 1_500;
    /** Group commit: casts per second at least this many times the same updates replicated one by one. */
    static final double GROUP_COMMIT_TARGET = 20;
    /** {@code ClusterOptions}' default failure detection: a silent member is removed after this. */
    static final double DETECTION_MS = 5_000;

    private final Results results;
    private final StringBuilder out = new StringBuilder();

    private ClusterSection(Results results) {
        this.results = results;
    }

    /**
     * The section, or {@code ""} if the run measured no cluster figures.
     *
     * @param runNote a line saying which run the figures come from when it is not the report's own, or {@code null}
     */
    static String render(Results results, String runNote) {
        if (results.scenarios().get("cluster.count") == null) {
            return "";
        }
        return new ClusterSection(results).write(runNote);
    }

    private String write(String runNote) {
        line(HEADING);
        line();
        if (runNote != null) {
            line(runNote);
            line();
        }
        line("Members in one JVM on 127.0.0.1, talking over loopback TCP, with `ClusterOptions`' defaults (heartbeat "
                + "1 s; a member whose connection closes is removed at once, a silent one after 5 s). Each figure is a "
                + "ratio to the engine's own operation measured in the same run, p50 against p50.");
        line();
        line("| target | measured | |");
        line("|---|---|---|");
        double update = ratio("cluster.update", "cluster.set", "p50");
        verdict("a synchronous-mode update on the owner ≤ " + COST_TARGET + " × `IMap.set` with one sync backup",
                x(update) + " (p50 " + us("cluster.update.p50") + " against " + us("cluster.set.p50") + "; p99 "
                        + x(ratio("cluster.update", "cluster.set", "p99")) + ")" + againstHandOver()
                        + eachJvm("cluster.forks.update"),
                update <= COST_TARGET);
        double remote = ratio("cluster.remoteCall", "cluster.executeOnKey", "p50");
        double byName = ratio("cluster.remoteCallByName", "cluster.executeOnKey", "p50");
        verdict("a remote call ≤ " + COST_TARGET + " × a read-only `executeOnKey` from the same member",
                x(remote) + " by pid, " + x(byName) + " by cluster name (p50 " + us("cluster.remoteCall.p50") + " and "
                        + us("cluster.remoteCallByName.p50") + " against " + us("cluster.executeOnKey.p50") + ")"
                        + eachJvm("cluster.forks.remoteCall"),
                remote <= COST_TARGET && byName <= COST_TARGET);
        double failover = results.number("failover.p50.ms");
        verdict("failover p50 ≤ " + f(FAILOVER_TARGET_MS / 1000, 1) + " s (kill → first call answered with the "
                        + "restored state)",
                f(failover, 0) + " ms (p99 " + f(results.number("failover.p99.ms"), 0) + " ms) over "
                        + num("failover.kills") + " kills; " + num("failover.lost") + " acknowledged updates lost",
                failover <= FAILOVER_TARGET_MS && results.number("failover.lost") == 0);
        double groupCommit = results.number("casts.perSecond") / results.number("casts.updates.perSecond");
        verdict("casts per second in synchronous mode with group commit ≥ " + f(GROUP_COMMIT_TARGET, 0)
                        + " × one replication per update",
                x(groupCommit) + " (" + perSecond("casts.perSecond") + " casts/s against "
                        + perSecond("casts.updates.perSecond") + " update calls/s; " + x(results.number(
                        "casts.perSecond") / results.number("casts.sets.perSecond")) + " `IMap.set`s/s)",
                groupCommit >= GROUP_COMMIT_TARGET);
        if (results.scenarios().get("failover.crashed.p50.ms") != null) {
            double crashed = results.number("failover.crashed.p50.ms");
            verdict("a crashed member JVM (SIGKILL): failover p50 ≤ " + f(FAILOVER_TARGET_MS / 1000, 1) + " s",
                    f(crashed, 0) + " ms (p99 " + ms("failover.crashed.p99.ms") + ") over "
                            + num("failover.crashed.rounds") + " kills; " + num("failover.crashed.lost") + " lost",
                    crashed <= FAILOVER_TARGET_MS && results.number("failover.crashed.lost") == 0);
            double frozen = results.number("failover.frozen.p50.ms");
            double frozenTarget = DETECTION_MS + FAILOVER_TARGET_MS;
            verdict("a frozen member JVM (SIGSTOP): failover ≤ detection (" + f(DETECTION_MS / 1000, 0) + " s) + "
                            + f(FAILOVER_TARGET_MS / 1000, 1) + " s",
                    "p50 " + f(frozen, 0) + " ms, p99 " + ms("failover.frozen.p99.ms") + " over "
                            + num("failover.frozen.rounds") + " freezes; " + num("failover.frozen.lost") + " lost",
                    results.number("failover.frozen.p99.ms") <= frozenTarget
                            && results.number("failover.frozen.lost") == 0);
        }
        line();
        String jvms = results.number("cluster.forks") >= 2 ? " (in the JVM whose update ratio was the median of "
                + num("cluster.forks") + ", each run one after the other)" : "";
        line("Every timed operation, over " + num("cluster.count") + " of each after a warm-up, in alternating "
                + "blocks of 500 (one caller, a virtual thread; µs per operation)" + jvms + ":");
        line();
        line("| operation | p50 | p99 | mean | × baseline (p50 / p99 / mean) |");
        line("|---|---:|---:|---:|---:|");
        row("`IMap.set` of a key the caller's member owns, one sync backup (baseline)", "cluster.set", "cluster.set");
        if (hasHandOver()) {
            row("the same `IMap.set` run by a bare virtual thread the caller hands it to and waits for (the floor of "
                    + "any server on a virtual thread)", "cluster.setHandedOver", "cluster.set");
        }
        row("**Peeper update on the owner**: a call that changes the state, kept by `ClusterKeepers.synchronous`",
                "cluster.update", "cluster.set");
        row("read-only `executeOnKey` from the other member on a key the server's member owns (baseline)",
                "cluster.executeOnKey", "cluster.executeOnKey");
        row("**remote call by pid**: `ServerRef.of(pid).call(get)` from the other member", "cluster.remoteCall",
                "cluster.executeOnKey");
        row("**remote call by cluster name**: `ServerRef.named(cluster.name(...)).call(get)` from the other member",
                "cluster.remoteCallByName", "cluster.executeOnKey");
        line();
        line("Failover: a server started with `startOnOwner` on a 3-member cluster has its count raised by an "
                + "acknowledged call; its member is terminated (its sockets close with no goodbye, as after a SIGKILL; "
                + "the calls start once it has stopped running, not when the engine's terminate() returns, which on the "
                + "master may be seconds later), and the clock runs until a call by name from a survivor is answered "
                + "with that count by the server "
                + "started again on the name's new owner. A new member then joins, the partitions settle, and the "
                + "next kill hits wherever the server runs. " + num("failover.kills") + " kills after a warm-up; a kill "
                + "of a member the server had just left (a handoff moved it) is not timed, only counted:");
        line();
        line("| min | p50 | p99 | max | acknowledged updates lost | skipped |");
        line("|---:|---:|---:|---:|---:|---:|");
        String killsSkipped = results.scenarios().get("failover.skipped") == null ? "not checked"
                : num("failover.skipped");
        line("| " + ms("failover.min.ms") + " | " + ms("failover.p50.ms") + " | " + ms("failover.p99.ms") + " | "
                + ms("failover.max.ms") + " | " + num("failover.lost") + " | " + killsSkipped + " |");
        line();
        if (results.scenarios().get("failover.crashed.p50.ms") != null) {
            line("A whole member JVM failing: two members in the benchmark's JVM, a third in a child JVM hosting the "
                    + "server (its count raised by an acknowledged call); the child is sent SIGKILL (crashed: the "
                    + "kernel closes its sockets) or SIGSTOP (frozen: its sockets stay open, only the missing "
                    + "heartbeats tell, so the default detection of 5 s comes first), and the clock runs until a call "
                    + "by name is answered with the count by the server started again on a survivor. A fresh child "
                    + "joins for each round. A round is timed only if the server ran in the child when it was signalled "
                    + "and a new incarnation answered; the others are skipped and counted:");
            line();
            line("| member | rounds | skipped | min | p50 | p99 | max | acknowledged updates lost | signal → removal "
                    + "(p50 / p99) | removal → answer (p50 / p99) |");
            line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String kind : new String[] {"crashed", "frozen"}) {
                String key = "failover." + kind;
                String skipped = results.scenarios().get(key + ".skipped") == null ? "not checked"
                        : num(key + ".skipped");
                line("| " + kind + " | " + num(key + ".rounds") + " | " + skipped + " | " + ms(key + ".min.ms") + " | "
                        + ms(key + ".p50.ms") + " | " + ms(key + ".p99.ms") + " | " + ms(key + ".max.ms") + " | "
                        + num(key + ".lost") + " | " + split(key + ".removed") + " | " + split(key + ".afterRemoval")
                        + " |");
            }
            line();
            line("The last two columns split each round where this JVM's members heard the child removed: before it "
                    + "the engine's failure detection (a frozen member's is checked once per heartbeat, so it ends "
                    + "between about 4 and 6 s after the signal), after it Peeper's failover.");
            line();
        }
        line("Group commit: " + num("casts.count") + " casts in rounds of " + f(results.number("casts.count")
                / Math.max(1, results.settings().castRounds() - 1), 0) + " from the server's own member, each round "
                + "timed until a call after its casts is answered (that reply waits until every state before it is on "
                + "the backup member); against update calls one after the other (one replication each) and "
                + "`IMap.set`s of an owned key with one sync backup, alternating round by round:");
        line();
        line("| updates | per second | × update calls |");
        line("|---|---:|---:|");
        line("| casts, group commit | " + perSecond("casts.perSecond") + " | " + x(results.number("casts.perSecond")
                / results.number("casts.updates.perSecond")) + " |");
        line("| update calls, one replication each (baseline) | " + perSecond("casts.updates.perSecond")
                + " | 1.00× |");
        line("| `IMap.set`, one sync backup | " + perSecond("casts.sets.perSecond") + " | " + x(results.number(
                "casts.sets.perSecond") / results.number("casts.updates.perSecond")) + " |");
        line();
        line("Heap per idle server, used heap after full collections before and after starting " + num("heap.count")
                + " of each in one JVM: a distributed one started with `startOnOwner` on 2 members that both run in "
                + "this JVM (so its figure is the cost across the cluster: the process, its name, start spec and "
                + "replicated state, each with its backup), against a local `Peeper.start` server; then again once "
                + "each was called by name from the member it does not run on (its reply is serialized on its own "
                + "virtual thread; the caller's member caches the name):");
        line();
        line("| server | bytes each | × local |");
        line("|---|---:|---:|");
        line("| local Peeper server (baseline) | " + num("heap.local.bytes") + " | 1.00× |");
        line("| distributed server, across both members | " + num("heap.distributed.bytes") + " | "
                + x(results.number("heap.distributed.bytes") / results.number("heap.local.bytes")) + " |");
        if (measured("heap.distributed.calledRemotely.bytes")) {
            double called = results.number("heap.distributed.bytes")
                    + results.number("heap.distributed.calledRemotely.bytes");
            line("| the same, once called by name from the other member | " + f(called, 0) + " | "
                    + x(called / results.number("heap.local.bytes")) + " |");
        }
        line();
        return out.toString();
    }

    private void row(String label, String key, String baseline) {
        line("| " + label + " | " + us(key + ".p50") + " | " + us(key + ".p99") + " | " + us(key + ".mean") + " | "
                + x(ratio(key, baseline, "p50")) + " / " + x(ratio(key, baseline, "p99")) + " / "
                + x(ratio(key, baseline, "mean")) + " |");
    }

    private boolean hasHandOver() {
        return measured("cluster.setHandedOver.p50.us");
    }

    /** Whether the run measured the figure {@code key} (older runs lack the rows added since). */
    private boolean measured(String key) {
        return results.scenarios().get(key) != null;
    }

    /** The update against the same set behind a virtual thread's two hand-offs, if the run measured it. */
    private String againstHandOver() {
        if (!hasHandOver()) {
            return "";
        }
        return "; " + x(ratio("cluster.update", "cluster.setHandedOver", "p50")) + " the same `IMap.set` handed to a "
                + "bare virtual thread and back (" + us("cluster.setHandedOver.p50") + "), which is "
                + x(ratio("cluster.setHandedOver", "cluster.set", "p50")) + " the set";
    }

    private double ratio(String key, String baseline, String statistic) {
        return results.number(key + "." + statistic + ".us") / results.number(baseline + "." + statistic + ".us");
    }

    /**
     * Where the costs ran in several JVMs: that the figures are the median one's (by its update ratio), and each
     * JVM's p50 ratio under {@code key}; nothing for a run of one JVM.
     */
    private String eachJvm(String key) {
        String ratios = results.scenarios().get(key);
        if (ratios == null || results.number("cluster.forks") < 2) {
            return "";
        }
        return "; the median of " + num("cluster.forks") + " JVMs, whose p50 ratios were "
                + String.join(", ", Arrays.stream(ratios.split(" ")).map(r -> r + "×").toList());
    }

    private void verdict(String target, String measured, boolean met) {
        line("| " + target + " | " + measured + " | " + (met ? "met" : "**missed**") + " |");
    }

    private String us(String key) {
        return f(results.number(key + ".us"), 0) + " µs";
    }

    private String ms(String key) {
        return f(results.number(key), 0) + " ms";
    }

    /** {@code key}'s p50 and p99 in ms, or "not measured" for results written before the split was timed. */
    private String split(String key) {
        if (results.scenarios().get(key + ".p50.ms") == null) {
            return "not measured";
        }
        return ms(key + ".p50.ms") + " / " + ms(key + ".p99.ms");
    }

    private String perSecond(String key) {
        return f(results.number(key), 0);
    }

    private String num(String key) {
        return f(results.number(key), 0);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
