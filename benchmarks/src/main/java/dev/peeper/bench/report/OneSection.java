package dev.peeper.bench.report;

import dev.peeper.bench.targets.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run of one section of {@code REPORT.md} alone, with the full run's settings, its baselines measured again in the
 * same run: {@code cluster} (the cluster costs and failover times) or {@code timeouts} (what a call's timeout costs:
 * the floor and the plain call with one caller, and the diagnostic variants). The section replaces its old self in
 * the report and says which run it comes from, so that a change to one path needs no 15-minute run of them all.
 */
final class OneSection {
    private OneSection() {
    }

    static void run(Path module, String which) throws Exception {
        Settings settings = Settings.full();
        Machine machine = Machine.describe();
        String loadBefore = Machine.loadAverage();
        long start = System.nanoTime();
        Map<String, Measure> virtual = Map.of();
        Map<String, String> scenarios = Map.of();
        if (which.equals("cluster")) {
            scenarios = RunAll.cluster(settings);
        } else {
            Path target = module.resolve("target");
            virtual = new LinkedHashMap<>(JmhRuns.run(settings, List.of("CallBenchmark.call1"),
                    List.of(Targets.FLOOR, Targets.PLAIN), true, settings.forks(), target.resolve("jmh-calls.json")));
            virtual.putAll(JmhRuns.run(settings, List.of("WhyBenchmark"), true, settings.forks(),
                    target.resolve("jmh-why.json")));
        }
        machine = machine.withLoad(loadBefore, Machine.loadAverage());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Results results = new Results(machine, settings, virtual, Map.of(), scenarios, took);
        String note = "_From a run of this section alone (`" + ReportWriter.COMMAND + " -Dbench.args=" + which + "`, "
                + took.toMinutes() + " min " + took.toSecondsPart() + " s) on " + machine.date() + ", "
                + machine.cores() + " cores, " + machine.jdk() + ", load average (1 / 5 / 15 min) " + machine.load()
                + "; its baselines were measured in that run too. The other sections are from the run above."
                + (sharedMachine(loadBefore, machine.cores()) ? " The machine was shared: its load average was above "
                + "its core count, so other work took turns with this run; read its figures with more than the usual "
                + "±20%." : "") + "_";
        String section = which.equals("cluster") ? ClusterSection.render(results, note)
                : ReportWriter.timeoutsSection(results, note);
        ReportSections.replace(module.resolve("REPORT.md"), section);
        System.out.println();
        System.out.println(section);
        System.out.println("Wrote this section into " + module.resolve("REPORT.md"));
    }

    /**
     * The cluster cost rows alone (the first scenario of the cluster section, about a minute), printed as the ratios
     * the section's targets hold them to; {@code REPORT.md} is left as it is (its section needs every cluster
     * scenario). For checking a change to the remote call or update path.
     */
    static void clusterCosts() throws Exception {
        String loadBefore = Machine.loadAverage();
        Map<String, String> costs = RunAll.clusterCosts(Settings.full());
        System.out.println();
        System.out.println("load average before " + loadBefore + ", after " + Machine.loadAverage());
        costRatio(costs, "update on the owner / IMap.set", "cluster.update", "cluster.set");
        costRatio(costs, "IMap.set handed to a VT / IMap.set", "cluster.setHandedOver", "cluster.set");
        costRatio(costs, "update / IMap.set handed to a VT", "cluster.update", "cluster.setHandedOver");
        costRatio(costs, "remote call by pid / executeOnKey", "cluster.remoteCall", "cluster.executeOnKey");
        costRatio(costs, "remote call by name / executeOnKey", "cluster.remoteCallByName", "cluster.executeOnKey");
        System.out.println("the median of " + costs.get("cluster.forks") + " JVMs by its update ratio; each JVM's p50 "
                + "ratios, update: " + costs.get("cluster.forks.update") + "; remote call by pid: "
                + costs.get("cluster.forks.remoteCall"));
    }

    private static void costRatio(Map<String, String> costs, String what, String row, String baseline) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-36s", what));
        for (String statistic : List.of("p50", "p99", "mean")) {
            double peeper = Double.parseDouble(costs.get(row + "." + statistic + ".us"));
            double engine = Double.parseDouble(costs.get(baseline + "." + statistic + ".us"));
            line.append(String.format(Locale.ROOT, "  %s %.2fx (%.0f us / %.0f us)", statistic, peeper / engine, peeper,
                    engine));
        }
        System.out.println(line);
    }

    /** Whether the 1-minute load average in {@code load} ("1 / 5 / 15") was above {@code cores}. */
    static boolean sharedMachine(String load, int cores) {
        try {
            return Double.parseDouble(load.split(" ")[0]) > cores;
        } catch (RuntimeException e) {
            return false; // not known: say nothing
        }
    }
}
