package dev.peeper.bench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs JMH benchmarks in forked JVMs and keeps what the report needs, keyed {@code Class.method/target}. */
final class JmhRuns {
    private static final String PACKAGE = "dev.peeper.bench.jmh.";

    private JmhRuns() {
    }

    /**
     * Runs the benchmarks of the given classes.
     *
     * @param virtualCallers whether JMH's own threads (the callers) are virtual threads ({@code jmh.executor=VIRTUAL})
     * @param forks          forked JVMs per benchmark: a virtual thread's placement on the two carriers differs
     *                       from fork to fork, and so does the round trip, so more than one fork steadies it
     * @param json           where JMH writes its full results
     */
    static Map<String, Measure> run(Settings settings, List<String> classes, boolean virtualCallers, int forks,
                                    Path json) throws RunnerException {
        return run(settings, classes, List.of(), virtualCallers, forks, json);
    }

    /**
     * Runs the benchmarks of the given classes (or {@code Class.method}s), each with only the given {@code targets}
     * if there are any.
     */
    static Map<String, Measure> run(Settings settings, List<String> classes, List<String> targets,
                                    boolean virtualCallers, int forks, Path json) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms2g", "-Xmx2g"));
        if (virtualCallers) {
            jvmArgs.add("-Djmh.executor=VIRTUAL");
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(PACKAGE.replace(".", "\\.") + "(" + String.join("|", classes) + ")(\\..*)?$")
                .forks(forks)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.seconds(settings.warmupSeconds()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.seconds(settings.iterationSeconds()))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (!targets.isEmpty()) {
            options.param("target", targets.toArray(String[]::new));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Measure> measures = new LinkedHashMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark().substring(PACKAGE.length()); // CallBenchmark.call1
            Result<?> primary = result.getPrimaryResult();
            double alloc = Double.NaN;
            for (String name : result.getSecondaryResults().keySet()) {
                if (name.endsWith("gc.alloc.rate.norm")) {
                    alloc = result.getSecondaryResults().get(name).getScore();
                }
            }
            measures.put(benchmark + "/" + params.getParam("target"),
                    new Measure(primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), alloc));
        }
        return measures;
    }
}
