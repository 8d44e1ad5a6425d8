package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message about terminate, codeChange and restore. */
class LifecycleRulesTest {
    @Test
    void terminateWithWrongSignature() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    void terminate(Integer state) { }
                }
                """, "[GenServerTerminate] terminate must be `void terminate(ExitReason reason, Integer state)`; "
                + "terminate(Integer) is not", "void terminate(");
    }

    @Test
    void codeChangeWithWrongSignature() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Integer codeChange(Integer state) { return state; }
                }
                """, "[GenServerCodeChange] codeChange must be `Integer codeChange(Object oldVersion, Integer state, "
                + "Object extra)`; codeChange(Integer) is not", "Integer codeChange(");
    }

    @Test
    void restoreWithWrongSignature() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Integer restore(Integer kept) { return kept; }
                }
                """, "[GenServerRestore] restore runs instead of init when a crashed worker is restarted, and must be "
                + "`Integer restore(Integer kept, ExitReason lastExit)`, returning the state to resume with; "
                + "restore(Integer) is not", "Integer restore(");
    }
}
