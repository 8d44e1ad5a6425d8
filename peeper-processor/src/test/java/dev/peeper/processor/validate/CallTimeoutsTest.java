package dev.peeper.processor.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallTimeoutsTest {
    @Test
    void unitsAndIso() {
        assertThat(CallTimeouts.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(CallTimeouts.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(CallTimeouts.parse(" 2 m ")).contains(Duration.ofMinutes(2));
        assertThat(CallTimeouts.parse("1h")).contains(Duration.ofHours(1));
        assertThat(CallTimeouts.parse("PT1.5S")).contains(Duration.ofMillis(1500));
    }

    @Test
    void refusesWhatIsNotAPositiveDuration() {
        assertThat(CallTimeouts.parse("soon")).isEmpty();
        assertThat(CallTimeouts.parse("0s")).isEmpty();
        assertThat(CallTimeouts.parse("-1s")).isEmpty();
        assertThat(CallTimeouts.parse("PT-5S")).isEmpty();
        assertThat(CallTimeouts.parse("PT0.0001S")).isEmpty();
        assertThat(CallTimeouts.parse("99999999999999999999s")).isEmpty();
    }
}
