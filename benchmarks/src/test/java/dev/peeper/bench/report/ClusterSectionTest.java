package dev.peeper.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Cluster section's heap table: the row for servers called remotely appears when the run measured it. */
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
