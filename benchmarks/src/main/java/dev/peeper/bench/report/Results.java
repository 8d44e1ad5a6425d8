package dev.peeper.bench.report;

import dev.peeper.bench.targets.Targets;
import java.time.Duration;
import java.util.Map;

/**
 * Everything one run measured.
 *
 * @param virtual   JMH results with virtual-thread callers, keyed {@code Class.method/target}
 * @param platform  JMH call results with platform-thread callers
 * @param scenarios the scenario figures, keyed as the scenarios print them
 * @param took      how long the whole run took
 */
record Results(Machine machine, Settings settings, Map<String, Measure> virtual, Map<String, Measure> platform,
               Map<String, String> scenarios, Duration took) {

    /** A call's time for {@code target}, or {@code null}. */
    Measure call(Map<String, Measure> run, int callers, String target) {
        return run.get("CallBenchmark.call" + callers + "/" + target);
    }

    /** Cast throughput for {@code target}, or {@code null}. */
    Measure cast(int producers, String target) {
        return virtual.get("CastBenchmark.cast" + producers + "/" + target);
    }

    /** The time ratio of {@code target} to the floor (lower is better), or NaN. */
    double callRatio(Map<String, Measure> run, int callers, String target) {
        return ratio(call(run, callers, target), call(run, callers, Targets.FLOOR));
    }

    /** The throughput ratio of {@code target} to the floor (higher is better), or NaN. */
    double castRatio(int producers, String target) {
        return ratio(cast(producers, target), cast(producers, Targets.FLOOR));
    }

    static double ratio(Measure of, Measure to) {
        return of == null || to == null ? Double.NaN : of.score() / to.score();
    }

    /** A scenario figure as a number, or NaN if it was not measured. */
    double number(String key) {
        String value = scenarios.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    /** The largest Peeper server count the scale runs used. */
    int largestScale() {
        return settings.scaleCounts().get(settings.scaleCounts().size() - 1);
    }
}
