package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Negative.expectWarning;

import org.junit.jupiter.api.Test;

/** The warning for evidently mutable state, and the two ways to silence it. */
class MutableStateTest {
    @Test
    void warnsOnMutableJdkClass() {
        expectWarning("Names", """
                @GenServer
                public class Names {
                    ArrayList<String> init() { return new ArrayList<>(); }
                }
                """, "[GenServerMutableState] The state type ArrayList<String> of @GenServer class Names is evidently "
                + "mutable (ArrayList is a mutable class): a callback that changes it in place and then throws "
                + "would leave a half-applied state to resume from", "ArrayList<String> init()");
    }

    @Test
    void warnsOnRecordHoldingAClassWithNonFinalField() {
        expectWarning("Tally", """
                @GenServer
                public class Tally {
                    public static class Box { int count; }
                    public record State(String name, Box box) {}
                    State init() { return new State("t", new Box()); }
                }
                """, "(its component box: its field count is not final)", "State init()");
    }

    @Test
    void suppressedOnTheClass() {
        assertThat(Compilations.compile(Compilations.source("Names", """
                @GenServer
                @SuppressWarnings("GenServerMutableState")
                public class Names {
                    ArrayList<String> init() { return new ArrayList<>(); }
                }
                """))).succeededWithoutWarnings();
    }

    @Test
    void silencedByACopyMethod() {
        assertThat(Compilations.compile(Compilations.source("Names", """
                @GenServer(stateCopy = StateCopyMode.COPY_METHOD)
                public class Names {
                    ArrayList<String> init() { return new ArrayList<>(); }
                    ArrayList<String> copyState(ArrayList<String> state) { return new ArrayList<>(state); }
                }
                """))).succeededWithoutWarnings();
    }

    @Test
    void immutableStateIsQuiet() {
        assertThat(Compilations.compile(Compilations.source("Names", """
                @GenServer
                public class Names {
                    public record State(List<String> names, int version) {}
                    State init() { return new State(List.of(), 0); }
                }
                """))).succeededWithoutWarnings();
    }
}
