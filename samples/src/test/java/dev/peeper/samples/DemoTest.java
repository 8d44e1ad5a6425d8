package dev.peeper.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's demo prints its steps: the plain server loses its count, the Peeper server keeps it. */
class DemoTest {
    @Test
    void printsTheStory() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("the supervisor restarted it; get(): 0   <- the work is lost")
                .contains("are still served: get() = 31")
                .contains("restarts: 1, new worker:")
                .contains("get(): 31, restarts: 2, last exit: killed")
                .contains("Done.");
    }
}
