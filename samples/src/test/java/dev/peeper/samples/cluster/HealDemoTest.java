package dev.peeper.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The heal demo, run as its command runs it (two member JVMs, one frozen with SIGSTOP and resumed), so that it cannot
 * rot: after the heal one guestbook holds every signature both sides acknowledged, and the other stopped, told why.
 */
class HealDemoTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // the demo bounds each of its own waits; this bounds the whole
    void theMergedGuestbookHoldsEverySignatureBothSidesAcknowledged() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = HealDemo.run(new PrintStream(out, true, StandardCharsets.UTF_8));

        String story = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(story).isZero();
        assertThat(story)
                .containsPattern("Freeze member \\d, the JVM running the guestbook")
                .containsPattern("member \\d signs \"Edsger\": .*Edsger")
                .containsPattern("member \\d signs \"Alan\": .*Alan")
                .containsPattern("   Ada Alan Barbara Edsger Grace Margaret   \\(\\d+ ms later")
                .containsPattern("member \\d says: its guestbook's worker ended, "
                        + ".*(SplitHealedException|FencedException)")
                .containsPattern("member \\d reads: Ada Alan Barbara Edsger Grace Margaret   \\(from the guestbook on member \\d\\)")
                .contains("Done: the merged guestbook holds all 6 signatures")
                .doesNotContain("FAILED");
    }
}
