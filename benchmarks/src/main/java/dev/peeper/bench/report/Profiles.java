package dev.peeper.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The profiles behind ANALYSIS.md, recorded again with one command: JFR ({@code settings=profile}) on the call
 * path (plain server and floor), the cast path, crash recovery and the start of 200,000 Peeper servers, each
 * summarised with {@code jfr view hot-methods} and {@code jfr view allocation-by-site} into
 * {@code target/profiles/NAME.txt} next to {@code NAME.jfr}.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl benchmarks -am package exec:exec -Dbench.args=profile
 * </pre>
 */
final class Profiles {
    private Profiles() {
    }

    static void record(Path target) throws IOException, InterruptedException, RunnerException {
        Path dir = Files.createDirectories(target.resolve("profiles"));
        jmh(dir, "call-plain", "CallBenchmark.call1", "plain");
        jmh(dir, "call-floor", "CallBenchmark.call1", "floor");
        jmh(dir, "cast-typed", "CastBenchmark.cast1", "typed");
        scenario(dir, "crash", List.of("-Xms1g", "-Xmx1g"), "crash-recovery", "2000", "20000");
        scenario(dir, "start", List.of("-Xms4g", "-Xmx4g"), "scale", "peeper", "200000",
                String.valueOf(Settings.STARTERS));
        System.out.println("Profiles in " + dir);
    }

    private static String flightRecorder(Path dir, String name) {
        return "-XX:StartFlightRecording=filename=" + dir.resolve(name + ".jfr") + ",settings=profile";
    }

    private static void jmh(Path dir, String name, String benchmark, String target)
            throws RunnerException, IOException, InterruptedException {
        new Runner(new OptionsBuilder()
                .include("dev\\.peeper\\.bench\\.jmh\\." + benchmark.replace(".", "\\.") + "$")
                .param("target", target)
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(4).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xms2g", "-Xmx2g", "-Djmh.executor=VIRTUAL", flightRecorder(dir, name))
                .build()).run();
        summarise(dir, name);
    }

    private static void scenario(Path dir, String name, List<String> jvm, String... args)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(jvm);
        options.add(flightRecorder(dir, name));
        ScenarioRuns.run(options, args);
        summarise(dir, name);
    }

    private static void summarise(Path dir, String name) throws IOException, InterruptedException {
        String jfr = Path.of(System.getProperty("java.home"), "bin", "jfr").toString();
        StringBuilder summary = new StringBuilder();
        for (String view : List.of("hot-methods", "allocation-by-site", "allocation-by-class")) {
            Process process = new ProcessBuilder(jfr, "view", "--width", "160", view,
                    dir.resolve(name + ".jfr").toString()).redirectErrorStream(true).start();
            summary.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            process.waitFor();
        }
        Files.writeString(dir.resolve(name + ".txt"), summary, StandardCharsets.UTF_8);
        System.out.println(summary);
    }
}
