package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** The message about client methods that would clash. */
class ClientApiRulesTest {
    @Test
    void callAndCastOfTheSameRecord() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Reset() {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Reset reset, Integer state) { return Reply.of(state, 0); }
                    Next<Integer> handleCast(Reset reset, Integer state) { return Next.of(0); }
                }
                """, "[GenServerClientMethodClash] @GenServer callback handleCast(Reset, Integer) would give the "
                + "client method reset(), which clashes with the one from handleCall(Reset, Integer)",
                "Next<Integer> handleCast(Reset");
    }

    @Test
    void messageNamedLikeAFixedMethod() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Stop() {}
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Stop stop, Integer state) { return Next.of(state); }
                }
                """, "[GenServerClientMethodClash] @GenServer callback handleCast(Stop, Integer) would give the client "
                + "method stop(), which clashes with the method stop() every client has", "handleCast(Stop");
    }

    @Test
    void messageNamedLikeAPeeperHandleMethod() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Statistics() {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Statistics s, Integer state) { return Reply.of(state, state); }
                }
                """, "[GenServerClientMethodClash] @GenServer callback handleCall(Statistics, Integer) would give the "
                + "client method statistics(), which clashes with the method statistics() every client has",
                "handleCall(Statistics");
    }
}
