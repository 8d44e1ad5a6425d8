package dev.peeper.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's cluster demo, run as the command runs it (three member JVMs, one killed with SIGKILL), so that it
 * cannot rot: the counter comes back on a survivor with its count, and the demo says so and succeeds.
 */
class ClusterDemoTest {
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES) // the demo bounds each of its own waits; this bounds the whole
    void theCounterKeepsItsCountWhenItsMemberIsKilled() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ClusterDemo.run(new PrintStream(out, true, StandardCharsets.UTF_8));

        String story = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(story).isZero();
        assertThat(story)
                .contains("   count 30   (the count was on a backup member")
                .containsPattern("count 30, from the counter now on member \\d, \\d+ ms after the kill")
                .contains("add 1, get: 31")
                .contains("Done:")
                .doesNotContain("FAILED");
    }
}
