package dev.peeper.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Cluster section: the heap table's row for servers called remotely appears when the run measured it; the cost
 * verdicts say which JVM of several the figures are from, and give each one's ratio.
 */
class ClusterSectionTest {

    @Test
    void theHeapOfAServerCalledRemotelyIsItsIdleHeapPlusWhatTheCallAdded() {
        Map<String, String> scenarios = heap();
        scenarios.put("heap.distributed.calledRemotely.bytes", "600");

        String section = ClusterSection.render(results(scenarios), null);

        assertThat(section).contains("| distributed server, across both members | 16,000 | 4.00× |")
                .contains("| the same, once called by name from the other member | 16,600 | 4.15× |");
    }

    @Test
    void aRunThatDidNotCallTheServersHasNoSuchRow() {
        String section = ClusterSection.render(results(heap()), null);

        assertThat(section).contains("| distributed server, across both members |")
                .doesNotContain("called by name from the other member");
    }

    @Test
    void costsRunInSeveralJvmsShowEachJvmsRatioBesideTheMedianOnesFigures() {
        Map<String, String> scenarios = heap();
        for (String row : new String[] {"update", "set", "remoteCall", "remoteCallByName", "executeOnKey"}) {
            for (String statistic : new String[] {"p50", "p99", "mean"}) {
                scenarios.put("cluster." + row + "." + statistic + ".us", row.equals("update") ? "123" : "100");
            }
        }
        scenarios.put("cluster.forks", "3");
        scenarios.put("cluster.forks.update", "1.29 1.23 1.19");
        scenarios.put("cluster.forks.remoteCall", "1.00 1.00 1.00");

        String section = ClusterSection.render(results(scenarios), null);

        assertThat(section).contains("1.23× (p50 123 µs against 100 µs")
                .contains("; the median of 3 JVMs, whose p50 ratios were 1.29×, 1.23×, 1.19× | **missed** |")
                .contains("the median of 3 JVMs, whose p50 ratios were 1.00×, 1.00×, 1.00× | met |")
                .contains("(in the JVM whose update ratio was the median of 3, each run one after the other):");
    }

    @Test
    void costsRunInOneJvmSayNothingOfOthers() {
        Map<String, String> scenarios = heap();
        scenarios.put("cluster.update.p50.us", "110");
        scenarios.put("cluster.set.p50.us", "100");

        assertThat(ClusterSection.render(results(scenarios), null)).doesNotContain("JVMs");
    }

    private static Map<String, String> heap() {
        Map<String, String> scenarios = new HashMap<>();
        scenarios.put("cluster.count", "10");
        scenarios.put("heap.count", "2000");
        scenarios.put("heap.local.bytes", "4000");
        scenarios.put("heap.distributed.bytes", "16000");
        return scenarios;
    }

    private static Results results(Map<String, String> scenarios) {
        return new Results(Machine.describe(), Settings.quick(), Map.of(), Map.of(), scenarios, Duration.ZERO);
    }
}
