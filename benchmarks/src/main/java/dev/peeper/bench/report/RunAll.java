package dev.peeper.bench.report;

import dev.peeper.cluster.PeeperCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one command behind {@code benchmarks/REPORT.md} and {@code benchmarks/report.svg}: runs the JMH benchmarks
 * (callers on virtual threads, then on platform threads), then each scenario in a JVM of its own, then writes
 * the report and the chart. Started by
 *
 * <pre>
 * mvn -B -q -DskipTests -pl benchmarks -am package exec:exec                   # the full run, ~12 minutes
 * mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.args=quick # the pipeline in ~3 minutes,
 *                                                                              # written to target/quick-report
 * mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.args=profile # JFR profiles, target/profiles
 * mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.args=cluster  # ~5 minutes: only the
 *                                                                              # cluster section of REPORT.md
 * mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.args=timeouts # ~2 minutes: only the
 *                                                                              # call-timeout section of REPORT.md
 * mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.args=cluster-costs # ~1 minute: only the
 *                                                                # cluster cost rows, printed; REPORT.md untouched
 * </pre>
 *
 * A full run also rewrites the benchmark section of the project's README (see {@link ReadmeSection}). The
 * single-section runs replace their section of the full run's {@code REPORT.md} and say in it which run it is from.
 * Arguments: the benchmarks module's directory, and {@code full}, {@code quick}, {@code cluster}, {@code timeouts},
 * {@code cluster-costs} or {@code profile}.
 */
public final class RunAll {
    /** The cluster scenarios' JVM: what Hazelcast asks for (it runs without them, and warns), its logs to slf4j-nop. */
    static final List<String> CLUSTER_JVM = Stream.of(List.of("-Xms1g", "-Xmx1g"), PeeperCluster.JVM_FLAGS,
            List.of("-Dhazelcast.logging.type=slf4j")).flatMap(List::stream).toList();

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        Path module = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path target = module.resolve("target");
        if (args.length > 1 && args[1].equals("profile")) {
            Profiles.record(target);
            return;
        }
        if (args.length > 1 && args[1].equals("cluster-costs")) {
            OneSection.clusterCosts();
            return;
        }
        if (args.length > 1 && (args[1].equals("cluster") || args[1].equals("timeouts"))) {
            OneSection.run(module, args[1]);
            return;
        }
        Settings settings = Settings.named(args.length > 1 ? args[1] : "full");
        Path output = settings.name().equals("full") ? module : target.resolve("quick-report");
        Files.createDirectories(output);
        long start = System.nanoTime();
        Machine machine = Machine.describe();
        String loadBefore = Machine.loadAverage();
        System.out.println("# Peeper benchmarks, " + settings.name() + " run on " + machine.cores() + " cores, "
                + machine.jdk());

        Map<String, Measure> virtual = JmhRuns.run(settings, List.of("CallBenchmark", "CastBenchmark", "WhyBenchmark"),
                true, settings.forks(), target.resolve("jmh-virtual.json"));
        Map<String, Measure> platform = JmhRuns.run(settings, List.of("CallBenchmark"), false, 1,
                target.resolve("jmh-platform.json"));

        Map<String, String> scenarios = new LinkedHashMap<>();
        scenarios.putAll(ScenarioRuns.run(List.of("-Xms1g", "-Xmx1g"), "crash-recovery",
                String.valueOf(settings.crashWarmup()), String.valueOf(settings.crashes())));
        scenarios.putAll(ScenarioRuns.run(List.of("-Xms2g", "-Xmx2g"), "lost-updates",
                String.valueOf(settings.lostRounds())));
        scenarios.putAll(ScenarioRuns.run(List.of("-Xms1g", "-Xmx1g"), "kill-storm",
                String.valueOf(settings.stormRounds()), String.valueOf(Settings.STORM_CASTS_PER_ROUND)));
        List<String> scaleJvm = List.of("-Xms" + settings.scaleHeap(), "-Xmx" + settings.scaleHeap(),
                "-Dscale.warmup=" + settings.scaleWarmup());
        String starters = String.valueOf(Settings.STARTERS);
        for (int count : settings.scaleCounts()) {
            // the baselines at the same count: a parked virtual thread's heap itself varies with the count
            scenarios.putAll(ScenarioRuns.run(scaleJvm, "scale", "bare", String.valueOf(count), starters));
            scenarios.putAll(ScenarioRuns.run(scaleJvm, "scale", "plain", String.valueOf(count), starters));
            boolean histogram = count == settings.histogramCount();
            scenarios.putAll(histogram
                    ? ScenarioRuns.run(scaleJvm, "scale", "peeper", String.valueOf(count), starters, "histogram")
                    : ScenarioRuns.run(scaleJvm, "scale", "peeper", String.valueOf(count), starters));
        }

        scenarios.putAll(cluster(settings));

        machine = machine.withLoad(loadBefore, Machine.loadAverage());
        Results results = new Results(machine, settings, virtual, platform, scenarios,
                Duration.ofNanos(System.nanoTime() - start));
        String report = ReportWriter.write(results);
        Files.writeString(output.resolve("REPORT.md"), report, StandardCharsets.UTF_8);
        Files.writeString(output.resolve("report.svg"), Chart.draw(results), StandardCharsets.UTF_8);
        if (settings.name().equals("full")) {
            ReadmeSection.update(module.resolveSibling("README.md"), report, machine);
        }
        System.out.println();
        System.out.println(report.substring(report.indexOf("## Targets"), report.indexOf("## Call round trip")));
        System.out.println("Wrote " + output.resolve("REPORT.md") + " and " + output.resolve("report.svg"));
    }

    /** The cluster scenarios: costs against the engine's round trips, group commit, heap, and failover times. */
    static Map<String, String> cluster(Settings settings) throws IOException, InterruptedException {
        Map<String, String> scenarios = new LinkedHashMap<>(clusterCosts(settings));
        scenarios.putAll(ScenarioRuns.run(CLUSTER_JVM, "cluster-failover", String.valueOf(settings.failoverWarmup()),
                String.valueOf(settings.failoverKills())));
        scenarios.putAll(ScenarioRuns.run(CLUSTER_JVM, "cluster-casts", String.valueOf(settings.castRounds()),
                String.valueOf(settings.castsPerRound())));
        scenarios.putAll(ScenarioRuns.run(CLUSTER_JVM, "cluster-heap", String.valueOf(settings.heapServers())));
        for (String signal : List.of("KILL", "STOP")) {
            scenarios.putAll(ScenarioRuns.run(CLUSTER_JVM, "child-failover", signal, "1",
                    String.valueOf(settings.childRounds())));
        }
        return scenarios;
    }

    /**
     * The cluster costs alone: each Peeper row and the engine's operation it is held against, in one JVM, repeated in
     * {@link Settings#clusterForks()} JVMs. One JVM's update ratio differs from the next one's by about ± 10 % here, as
     * much as a target's margin: the figures kept are those of the JVM whose update ratio is the median (its rows
     * stay paired, each against its own baseline), and every JVM's update and remote-call ratios are kept beside
     * them ({@code cluster.forks.*}, in the order the JVMs ran).
     */
    static Map<String, String> clusterCosts(Settings settings) throws IOException, InterruptedException {
        List<Map<String, String>> forks = new ArrayList<>();
        for (int fork = 0; fork < settings.clusterForks(); fork++) {
            forks.add(ScenarioRuns.run(CLUSTER_JVM, "cluster-costs", String.valueOf(settings.clusterWarmup()),
                    String.valueOf(settings.clusterOperations())));
        }
        List<Map<String, String>> byUpdate = new ArrayList<>(forks);
        byUpdate.sort(Comparator.comparingDouble(fork -> p50Ratio(fork, "cluster.update", "cluster.set")));
        Map<String, String> kept = new LinkedHashMap<>(byUpdate.get(byUpdate.size() / 2));
        kept.put("cluster.forks", String.valueOf(forks.size()));
        kept.put("cluster.forks.update", ratios(forks, "cluster.update", "cluster.set"));
        kept.put("cluster.forks.remoteCall", ratios(forks, "cluster.remoteCall", "cluster.executeOnKey"));
        return kept;
    }

    private static double p50Ratio(Map<String, String> fork, String row, String baseline) {
        return Double.parseDouble(fork.get(row + ".p50.us")) / Double.parseDouble(fork.get(baseline + ".p50.us"));
    }

    /** Each fork's p50 ratio of {@code row} to {@code baseline}, two decimals, separated by spaces. */
    private static String ratios(List<Map<String, String>> forks, String row, String baseline) {
        return forks.stream().map(fork -> String.format(Locale.ROOT, "%.2f", p50Ratio(fork, row, baseline)))
                .collect(Collectors.joining(" "));
    }
}
