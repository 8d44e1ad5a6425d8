package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The merge rule of the state map after a split heals: the higher (generation, sequence) wins, a tie keeps. */
class KeepHigherStateTest {
    @Test
    void aNewerIncarnationWinsWhateverItsSequence() {
        assertThat(KeepHigherState.higher(new KeptState(3, 1, 0, "taken over"), new KeptState(2, 2, 900, "stale")))
                .isTrue();
        assertThat(KeepHigherState.higher(new KeptState(2, 2, 900, "stale"), new KeptState(3, 1, 0, "taken over")))
                .isFalse();
    }

    @Test
    void withinOneIncarnationTheLaterStateWinsAndATieKeepsWhatIsThere() {
        assertThat(KeepHigherState.higher(new KeptState(2, 1, 8, "later"), new KeptState(2, 1, 7, "earlier"))).isTrue();
        assertThat(KeepHigherState.higher(new KeptState(2, 1, 7, "earlier"), new KeptState(2, 1, 8, "later")))
                .isFalse();
        assertThat(KeepHigherState.higher(new KeptState(2, 1, 7, "same"), new KeptState(2, 1, 7, "same"))).isFalse();
    }

    @Test
    void anEntryMergesIntoNothingButNotIntoSomething() {
        assertThat(KeepHigherState.higher(new KeptState(1, 1, 0, null), null)).isTrue();
        assertThat(KeepHigherState.higher(null, new KeptState(1, 1, 0, null))).isFalse();
    }
}
