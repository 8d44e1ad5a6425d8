package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message about how messages reach handlers. */
class DispatchRulesTest {
    @Test
    void twoHandlersForOneMessage() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Get() {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Get get, Integer state) { return Reply.of(state, state); }
                    Next<Integer> handleCall(Get get, From<Integer> from, Integer state) { return Next.of(state); }
                }
                """, "[GenServerDuplicateHandler] @GenServer callback handleCall(Get, From<Integer>, Integer) handles "
                + "Get, which handleCall(Get, Integer) already handles; each message type has one handleCall",
                "From<Integer> from, Integer state");
    }

    @Test
    void overlappingInterfaces() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public interface Urgent {}
                    public interface Logged {}
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Urgent urgent, Integer state) { return Next.of(state); }
                    Next<Integer> handleCast(Logged logged, Integer state) { return Next.of(state); }
                }
                """, "[GenServerAmbiguousDispatch] @GenServer callbacks handleCast(Urgent, Integer) and "
                + "handleCast(Logged, Integer) take Urgent and Logged: neither type extends the other, yet one "
                + "message can be both", "Logged logged");
    }
}
