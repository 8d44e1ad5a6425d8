package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message about init. */
class InitRulesTest {
    @Test
    void noInit() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Next<Integer> handleCast(String s, Integer state) { return Next.of(state); }
                }
                """, "[GenServerNoInit] @GenServer class Counter has no init method. Declare exactly one",
                "public class Counter");
    }

    @Test
    void twoInits() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Integer init(Integer start) { return start; }
                }
                """, "[GenServerAmbiguousInit] @GenServer class Counter has 2 init methods (init(), init(Integer)), "
                + "but exactly one fixes the start argument and the state type", "Integer init(Integer start)");
    }

    @Test
    void initReturnsReply() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Reply<String, Integer> init() { return Reply.of("hi", 0); }
                }
                """, "[GenServerInitReturn] init must return the state S itself, Next<S> or Result<S> (return "
                + "Stop.of(reason, state) through Result<S> to refuse the start); init() returns Reply<String, "
                + "Integer>. Reply answers a call; return the state, or Next.of(state)", "init()");
    }

    @Test
    void initReturnsPrimitive() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    int init() { return 0; }
                }
                """, "[GenServerInitReturn] init must return the state S itself, Next<S> or Result<S> (return "
                + "Stop.of(reason, state) through Result<S> to refuse the start); init() returns int. The state must "
                + "be a reference type: did you mean Integer?", "int init()");
    }
}
