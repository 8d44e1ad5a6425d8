package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message about terminate, codeChange (keeping or migrating the state type) and restore. */
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
                + "Object extra)`, or, to migrate an old state of another type on an upgrade, `Integer "
                + "codeChange(Object oldVersion, OldState old, Object extra)`; codeChange(Integer) is neither",
                "Integer codeChange(");
    }

    @Test
    void migratingCodeChangeThatDoesNotReturnTheState() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                    Long codeChange(Object oldVersion, String old, Object extra) { return 0L; }
                }
                """, "[GenServerCodeChange] codeChange must be `Integer codeChange(Object oldVersion, Integer state, "
                + "Object extra)`, or, to migrate an old state of another type on an upgrade, `Integer "
                + "codeChange(Object oldVersion, OldState old, Object extra)`; codeChange(Object, String, Object) "
                + "is neither", "Long codeChange(");
    }

    @Test
    void migrationFromASubtypeOfTheState() {
        expectError("Shapes", """
                @GenServer
                public class Shapes {
                    public sealed interface Shape permits Circle, Square {}
                    public record Circle(int r) implements Shape {}
                    public record Square(int side) implements Shape {}
                    Shape init() { return new Circle(1); }
                    Shape codeChange(Object oldVersion, Circle old, Object extra) { return old; }
                }
                """, "[GenServerStateMigration] @GenServer callback codeChange(Object, Circle, Object) migrates old "
                + "states of type Circle, which is a subtype of the state type, so such an old state is already of "
                + "type Shape and never reaches a migration. A migrating codeChange takes the type the old code kept, "
                + "as a class or interface a type switch can test; a state already of type Shape never reaches it, "
                + "but goes to `Shape codeChange(Object oldVersion, Shape state, Object extra)`, or stays as it is",
                "Circle old");
    }

    @Test
    void migrationFromTheStateClassWithOtherTypeArguments() {
        expectError("Names", """
                @GenServer
                public class Names {
                    List<String> init() { return List.of(); }
                    List<String> codeChange(Object oldVersion, List<Integer> old, Object extra) { return List.of(); }
                }
                """, "[GenServerStateMigration] @GenServer callback codeChange(Object, List<Integer>, Object) migrates "
                + "old states of type List<Integer>, which differs from the state type only in type arguments, which "
                + "are erased at run time, so no type switch can tell the two apart", "List<Integer> old");
    }

    @Test
    void migrationsFromOverlappingTypes() {
        expectError("Tally", """
                @GenServer
                public class Tally {
                    public record Total(int sum) {}
                    Total init() { return new Total(0); }
                    Total codeChange(Object oldVersion, Collection<?> old, Object extra) { return new Total(0); }
                    Total codeChange(Object oldVersion, Deque<?> old, Object extra) { return new Total(1); }
                    Total codeChange(Object oldVersion, RandomAccess old, Object extra) { return new Total(2); }
                }
                """, "[GenServerStateMigration] @GenServer callback codeChange(Object, RandomAccess, Object) migrates "
                + "old states of type RandomAccess, which overlaps codeChange(Object, Collection<?>, Object): neither "
                + "type extends the other, yet one old state can be both, and which migration it reaches would depend "
                + "on declaration order", "RandomAccess old");
    }

    @Test
    void migrationFromAPrimitive() {
        expectError("Tally", """
                @GenServer
                public class Tally {
                    public record Total(int sum) {}
                    Total init() { return new Total(0); }
                    Total codeChange(Object oldVersion, int old, Object extra) { return new Total(old); }
                }
                """, "[GenServerStateMigration] @GenServer callback codeChange(Object, int, Object) migrates old "
                + "states of type int, which is a primitive type, and a state is an object (use its box, e.g. "
                + "Integer)", "int old");
    }

    @Test
    void migrationFromARawType() {
        expectError("Tally", """
                @GenServer
                public class Tally {
                    public record Total(int sum) {}
                    Total init() { return new Total(0); }
                    @SuppressWarnings("rawtypes")
                    Total codeChange(Object oldVersion, List old, Object extra) { return new Total(old.size()); }
                }
                """, "[GenServerStateMigration] @GenServer callback codeChange(Object, List, Object) migrates old "
                + "states of type List, which is a raw type (write List<...>)", "List old");
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
