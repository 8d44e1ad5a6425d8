package dev.peeper.bench.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every benchmark row counts: a benchmark of a counter that does not count would measure nothing. */
class TargetsTest {
    static List<String> rows() {
        List<String> rows = new ArrayList<>(Targets.ALL);
        rows.add(Targets.FLOOR_TIMED);
        rows.add(Targets.PLAIN_UNTIMED);
        return rows;
    }

    @ParameterizedTest
    @MethodSource("rows")
    void aCallSeesEveryCastBeforeIt(String row) {
        try (Target counter = Targets.start(row)) {
            assertThat(counter.call()).isZero();
            for (int i = 0; i < 1_000; i++) {
                counter.cast();
            }
            assertThat(counter.call()).isEqualTo(1_000);
        }
    }

    @ParameterizedTest
    @MethodSource("rows")
    void everyRowHasALabel(String row) {
        assertThat(Targets.label(row)).isNotEqualTo(row);
    }

    @Test
    void anUnknownRowIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Targets.start("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining(Targets.FLOOR);
    }
}
