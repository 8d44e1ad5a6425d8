package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message about handler return, reply and message types. */
class HandlerRulesTest {
    private static String server(String handler) {
        return """
                @GenServer
                public class Counter {
                    public record Get() {}
                    Integer init() { return 0; }
                """ + "    " + handler + "\n}\n";
    }

    @Test
    void callReturnsPlainValue() {
        expectError("Counter", server("Integer handleCall(Get get, Integer state) { return state; }"),
                "[GenServerCallReturn] handleCall must return Reply<R, S> (answer now), Next<S> (answer later "
                        + "through a From<R> parameter), Stop<S> or Result<S>, where S is the state type Integer; "
                        + "handleCall(Get, Integer) returns Integer. Did you mean Reply<R, Integer>, R being the "
                        + "reply type? Return Reply.of(reply, newState)",
                "Integer handleCall(");
    }

    @Test
    void callReturnsNextWithoutFrom() {
        expectError("Counter", server("Next<Integer> handleCall(Get get, Integer state) { return Next.of(state); }"),
                "[GenServerCallReturn] handleCall must return Reply<R, S>", "Next<Integer> handleCall(");
    }

    @Test
    void castReturnsReply() {
        expectError("Counter", server(
                "Reply<Integer, Integer> handleCast(Get get, Integer state) { return Reply.of(state, state); }"),
                "[GenServerCastReturn] handleCast must return Next<S>, Stop<S> or Result<S>, where S is the state type "
                        + "Integer; handleCast(Get, Integer) returns Reply<Integer, Integer>. Reply answers a call, "
                        + "and only handleCall has a caller to answer. Return Next.of(state)",
                "handleCast(Get get");
    }

    @Test
    void infoReturnsVoid() {
        expectError("Counter", server("void handleInfo(Object message, Integer state) { }"),
                "[GenServerInfoReturn] handleInfo must return Next<S>, Stop<S> or Result<S>, where S is the state "
                        + "type Integer; handleInfo(Object, Integer) returns void. Return Next.of(state) to keep the "
                        + "state", "void handleInfo");
    }

    @Test
    void continueReturnsState() {
        expectError("Counter", server("Integer handleContinue(Object next, Integer state) { return state; }"),
                "[GenServerContinueReturn] handleContinue must return Next<S>, Stop<S> or Result<S>, where S is the "
                        + "state type Integer; handleContinue(Object, Integer) returns Integer. Did you mean "
                        + "Next<Integer>? Return Next.of(newState)", "Integer handleContinue");
    }

    @Test
    void replyTypesDisagree() {
        expectError("Counter", server("Reply<String, Integer> handleCall(Get get, From<Integer> from, Integer state) "
                        + "{ return Reply.of(\"\", state); }"),
                "[GenServerReplyType] @GenServer callback handleCall(Get, From<Integer>, Integer): it returns "
                        + "Reply<String, ...> but answers From<Integer>. Name one concrete reply type R",
                "Reply<String, Integer> handleCall");
    }

    @Test
    void parameterizedMessageType() {
        expectError("Counter", server("Next<Integer> handleCast(List<String> names, Integer state) "
                        + "{ return Next.of(state); }"),
                "[GenServerMessageType] @GenServer callback handleCast(List<String>, Integer) takes messages of type "
                        + "List<String>, which is parameterized, and type arguments are erased at run time (only "
                        + "List<?> can be told apart), so the dispatcher cannot recognise it at run time. Wrap it in "
                        + "a record", "List<String> names");
    }

    @Test
    void stateTypeMismatchInParameterAndReturnIsOneError() {
        expectError("Counter", server("Next<Long> handleCast(Get get, Long state) { return Next.of(state); }"),
                "[GenServerStateType] @GenServer callback handleCast(Get, Long) uses Long as the state type (its last "
                        + "parameter), but init makes the state Integer", "Next<Long> handleCast(");
    }

    @Test
    void genericHandlerIsOneError() {
        expectError("Counter", server("<T> Next<Integer> handleCast(T message, Integer state) { return Next.of(state); }"),
                "[GenServerCallbackModifiers] @GenServer callback handleCast(T, Integer) is generic", "<T> Next<Integer>");
    }

    @Test
    void innerClassMessageCannotBeCreatedByCallers() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public class Add { final int by = 1; }
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Add add, Integer state) { return Next.of(state + add.by); }
                }
                """, "[GenServerMessageConstruction] @GenServer callback handleCast(Add, Integer) takes messages of "
                + "type Add, which callers cannot create: Add is an inner class, which only an instance of Counter "
                + "can create. Make it `static`, or a record", "handleCast(Add add");
    }
}
