package dev.peeper.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handoff demo, run as its command runs it, so that it cannot rot: every count survives a join and a close. */
class HandoffDemoTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // the demo bounds each of its own waits; this bounds the whole
    void everyCounterKeepsItsCountThroughAJoinAndAClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = HandoffDemo.run(new PrintStream(out, true, StandardCharsets.UTF_8));

        String story = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(story).isZero();
        assertThat(story)
                .contains("3. Member 3 joins")
                .containsPattern("visits-\\d: on member 3, count \\d")
                .contains("4. Member 1 closes gracefully")
                .contains("Done: every counter kept its count")
                .doesNotContain("FAILED");
        String afterClose = story.substring(story.indexOf("4. Member 1 closes"));
        assertThat(afterClose).as("no counter left on the member that closed").doesNotContain("on member 1,");
    }
}
