package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which other incarnations' states a line holds, and up to which: raised, added, bounded, read back. */
class LineageTest {
    @Test
    void anIncarnationNotInTheLineageHoldsNothing() {
        assertThat(Lineage.NONE.includes(7)).isFalse();
        assertThat(Lineage.NONE.holdsUpTo(7)).isEqualTo(-1);
    }

    @Test
    void aLaterStateRaisesAnIncarnationsNumberAndAnEarlierOneChangesNothing() {
        Lineage lineage = Lineage.of(7, 5).with(8, 2);

        assertThat(lineage.with(7, 9).holdsUpTo(7)).isEqualTo(9);
        assertThat(lineage.with(7, 3)).as("the same lineage").isSameAs(lineage);
        assertThat(lineage.with(7, 9).holdsUpTo(8)).isEqualTo(2);
    }

    @Test
    void itRemembersTheMostRecentIncarnationsOnly() {
        Lineage lineage = Lineage.NONE;
        for (long owner = 1; owner <= Lineage.MOST + 2; owner++) {
            lineage = lineage.with(owner, owner * 10);
        }

        assertThat(lineage.includes(1)).as("the oldest went").isFalse();
        assertThat(lineage.includes(2)).isFalse();
        assertThat(lineage.holdsUpTo(3)).isEqualTo(30);
        assertThat(lineage.holdsUpTo(Lineage.MOST + 2)).isEqualTo((Lineage.MOST + 2) * 10L);
        assertThat(lineage.pairs()).hasSize(2 * Lineage.MOST);
    }

    @Test
    void itIsReadBackFromItsPairsAndRefusesAMalformedOne() {
        Lineage lineage = Lineage.of(7, 5).with(8, 2);

        assertThat(Lineage.fromPairs(lineage.pairs())).isEqualTo(lineage);
        assertThat(Lineage.fromPairs(new long[0])).isSameAs(Lineage.NONE);
        assertThatThrownBy(() -> Lineage.fromPairs(new long[] {7})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same Peeper version");
        assertThatThrownBy(() -> Lineage.fromPairs(new long[2 * Lineage.MOST + 2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
