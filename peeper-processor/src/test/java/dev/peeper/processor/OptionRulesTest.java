package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message about the values written in {@code @GenServer(...)}. */
class OptionRulesTest {
    @Test
    void clientNameNotAnIdentifier() {
        expectError("Counter", """
                @GenServer(clientName = "counter-client")
                public class Counter {
                    Integer init() { return 0; }
                }
                """, "[GenServerClientName] @GenServer(clientName = \"counter-client\") is not a usable class "
                + "name: it is not a Java identifier. Use a simple Java identifier such as \"CounterClient\"",
                "clientName = ");
    }

    @Test
    void callTimeoutNotADuration() {
        expectError("Counter", """
                @GenServer(callTimeout = "soon")
                public class Counter {
                    Integer init() { return 0; }
                }
                """, "[GenServerCallTimeout] @GenServer(callTimeout = \"soon\") is not a positive duration. Write an "
                + "ISO-8601 duration such as \"PT30S\" or a number with a unit", "callTimeout = ");
    }

    @Test
    void copyMethodWithoutCopyState() {
        expectError("Counter", """
                @GenServer(stateCopy = StateCopyMode.COPY_METHOD)
                public class Counter {
                    Integer init() { return 0; }
                }
                """, "[GenServerCopyState] @GenServer class Counter: stateCopy = COPY_METHOD, but there is no "
                + "copyState method. With stateCopy = COPY_METHOD declare `Integer copyState(Integer state)`",
                "@GenServer(stateCopy");
    }

    @Test
    void copyStateWithoutCopyMethod() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Integer copyState(Integer state) { return state; }
                }
                """, "[GenServerCopyState] @GenServer class Counter: copyState is declared, but stateCopy is SHARE, "
                + "so nothing would call it", "Integer copyState(");
    }

    @Test
    void copyStateWithWrongSignature() {
        expectError("Counter", """
                @GenServer(stateCopy = StateCopyMode.COPY_METHOD)
                public class Counter {
                    Integer init() { return 0; }
                    Integer copyState() { return 0; }
                }
                """, "[GenServerCopyState] @GenServer class Counter: copyState() does not take and return the state",
                "Integer copyState(");
    }
}
