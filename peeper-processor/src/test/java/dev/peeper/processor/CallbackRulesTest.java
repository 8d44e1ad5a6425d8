package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message that applies to every callback: modifiers, arity, order, state type, access. */
class CallbackRulesTest {
    @Test
    void privateHandler() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    private Next<Integer> handleCast(String s, Integer state) { return Next.of(state); }
                }
                """, "[GenServerCallbackModifiers] @GenServer callback handleCast(String, Integer) is private, but "
                + "callbacks must be non-private instance methods without type parameters", "private Next<Integer>");
    }

    @Test
    void arity() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Next<Integer> handleCast(String s) { return Next.of(0); }
                }
                """, "[GenServerArity] @GenServer callback handleCast(String) takes 1 parameter(s), but handleCast "
                + "takes (message, state). Declare it as `Next<S> handleCast(Message message, S state)`",
                "handleCast(String s)");
    }

    @Test
    void parameterOrder() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(String key, Integer state, From<Integer> from) {
                        return Reply.of(state, state);
                    }
                }
                """, "[GenServerParameterOrder] @GenServer callback handleCall(String, Integer, From<Integer>) takes "
                + "its parameters in the wrong order. Declare them as (message, From<R> from, state)",
                "Integer state, From<Integer> from");
    }

    @Test
    void stateTypeDisagrees() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Next<Integer> handleCast(String s, Long state) { return Next.of(0); }
                }
                """, "[GenServerStateType] @GenServer callback handleCast(String, Long) uses Long as the state type "
                + "(its last parameter), but init makes the state Integer", "Long state");
    }

    @Test
    void privateStateType() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    private record State(int count) {}
                    State init() { return new State(0); }
                }
                """, "[GenServerTypeAccess] @GenServer callback init() uses State as its state type, but State is "
                + "private, so the generated client and dispatcher in package test cannot name it", "State init()");
    }

    @Test
    void callbackThrowsThrowable() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Next<Integer> handleCast(String s, Integer state) throws Throwable { return Next.of(state); }
                }
                """, "[GenServerThrows] @GenServer callback handleCast(String, Integer) declares `throws Throwable`, "
                + "but the runtime calls callbacks through methods that declare `throws Exception`, so they may "
                + "throw exceptions but no other Throwable. Declare `throws Exception` or a subclass of it",
                "throws Throwable");
    }

    @Test
    void copyStateThrowsChecked() {
        expectError("Counter", """
                @GenServer(stateCopy = StateCopyMode.COPY_METHOD)
                public class Counter {
                    Integer init() { return 0; }
                    Integer copyState(Integer state) throws java.io.IOException { return state; }
                }
                """, "[GenServerThrows] @GenServer callback copyState(Integer) declares `throws IOException`, but the "
                + "keeper calls copyState as a plain function, which cannot throw checked exceptions",
                "Integer copyState(");
    }

    @Test
    void privateExceptionTypeOfACall() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    private static class Refused extends Exception {
                        private static final long serialVersionUID = 1L;
                    }
                    public record Get() {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Get get, Integer state) throws Refused {
                        return Reply.of(state, state);
                    }
                }
                """, "[GenServerTypeAccess] @GenServer callback handleCall(Get, Integer) uses Refused as its exception "
                + "type, but Refused is private", "throws Refused");
    }
}
