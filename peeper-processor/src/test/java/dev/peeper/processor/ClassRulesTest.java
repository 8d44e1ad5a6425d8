package dev.peeper.processor;

import static dev.peeper.processor.Negative.expectError;

import org.junit.jupiter.api.Test;

/** One test per message about the annotated class itself. */
class ClassRulesTest {
    private static final String CALLBACKS = """
                Integer init() { return 0; }
            """;

    @Test
    void notAClass() {
        expectError("Api", """
                @GenServer
                public interface Api {
                    Integer init();
                }
                """, "[GenServerNotClass] @GenServer applies to classes, and Api is an interface", "interface Api");
    }

    @Test
    void innerClass() {
        expectError("Outer", """
                public class Outer {
                    @GenServer
                    public class Inner {
                """ + CALLBACKS + """
                    }
                }
                """, "[GenServerNesting] @GenServer class Inner is an inner (non-static) or local class",
                "class Inner");
    }

    @Test
    void privateClass() {
        expectError("Outer", """
                public class Outer {
                    @GenServer
                    private static class Hidden {
                """ + CALLBACKS + """
                    }
                }
                """, "[GenServerVisibility] @GenServer class Hidden is private or nested in a private class, so the "
                + "generated client and dispatcher in package test cannot reach it", "class Hidden");
    }

    @Test
    void abstractClass() {
        expectError("Counter", """
                @GenServer
                public abstract class Counter {
                """ + CALLBACKS + """
                }
                """, "[GenServerAbstract] @GenServer class Counter is abstract", "abstract class Counter");
    }

    @Test
    void genericClass() {
        expectError("Cache", """
                @GenServer
                public class Cache<K, V> {
                    Map<K, V> init() { return Map.of(); }
                }
                """, "[GenServerGeneric] @GenServer class Cache declares type parameters <K, V>; servers and their "
                + "clients are not generic. Put @GenServer on a non-generic subclass instead", "class Cache<K, V>");
    }

    @Test
    void noUsableConstructor() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    private final int step;
                    Counter(int step) { this.step = step; }
                    Integer init() { return step; }
                }
                """, "[GenServerConstructor] @GenServer class Counter needs a non-private constructor without "
                + "parameters that throws no checked exception: the dispatcher creates a fresh server with "
                + "`new Counter()` on every start. It has none", "public class Counter");
    }

    @Test
    void constructorThrowingCheckedException() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    Counter() throws java.io.IOException {}
                """ + CALLBACKS + """
                }
                """, "Its constructor without parameters throws IOException; do that work in init",
                "public class Counter");
    }
}
