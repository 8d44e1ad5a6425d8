package dev.peeper.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The processor tells Gradle it is isolating, under its real class name. */
class IncrementalMetadataTest {
    @Test
    void declaredIsolating() throws IOException {
        try (InputStream in = GenServerProcessor.class.getResourceAsStream(
                "/META-INF/gradle/incremental.annotation.processors")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(GenServerProcessor.class.getName() + ",isolating");
        }
    }

    @Test
    void registeredAsAService() throws IOException {
        try (InputStream in = GenServerProcessor.class.getResourceAsStream(
                "/META-INF/services/javax.annotation.processing.Processor")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains(GenServerProcessor.class.getName());
        }
    }
}
