package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Negative.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Name collisions, each a tagged error on the element that causes it: client methods that would clash (read from
 * what the writer generates) and generated classes whose names are taken.
 */
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
                + "client method reset(), which clashes with the reset() from handleCall(Reset, Integer)",
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

    @Test
    void recordNamedLikeAStaticLookup() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Named(String name) {}
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Named named, Integer state) { return Next.of(state); }
                }
                """, "[GenServerClientMethodClash] @GenServer callback handleCast(Named, Integer) would give the client "
                + "method named(String), which clashes with the static method named(Object) every client has (a "
                + "static and an instance method cannot share a name", "handleCast(Named");
    }

    @Test
    void recordNamedLikeTheStartMethods() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Start() {}
                    Integer init(Integer first) { return first; }
                    Reply<Integer, Integer> handleCall(Start start, Integer state) { return Reply.of(state, state); }
                }
                """, "[GenServerClientMethodClash] @GenServer callback handleCall(Start, Integer) would give the client "
                + "method start(), which clashes with the static method start(Integer) every client has",
                "handleCall(Start");
    }

    @Test
    void recordNamedLikeAnObjectMethod() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Wait(long timeout) {}
                    Integer init() { return 0; }
                    Next<Integer> handleCast(Wait wait, Integer state) { return Next.of(state); }
                }
                """, "[GenServerClientMethodClash] @GenServer callback handleCast(Wait, Integer) would give the client "
                + "method wait(long), which clashes with the method wait(long) of java.lang.Object",
                "handleCast(Wait");
    }

    @Test
    void asyncVariantOfAnotherCall() {
        expectError("Counter", """
                @GenServer
                public class Counter {
                    public record Get() {}
                    public record GetAsync() {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Get get, Integer state) { return Reply.of(state, state); }
                    Next<Integer> handleCast(GetAsync get, Integer state) { return Next.of(state); }
                }
                """, "[GenServerClientMethodClash] @GenServer callback handleCast(GetAsync, Integer) would give the "
                + "client method getAsync(), which clashes with the getAsync() from handleCall(Get, Integer)",
                "handleCast(GetAsync");
    }

    @Test
    void componentNamedLikeTheTimeoutFieldStillCompilesAndUsesTheField() {
        Compilation compilation = Compilations.compile(Compilations.source("Counter", """
                @GenServer(callTimeout = "2s")
                public class Counter {
                    public record Slow(java.time.Duration CALL_TIMEOUT) {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Slow slow, Integer state) { return Reply.of(state, state); }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenTest.contents(compilation, "CounterClient"))
                .contains("public Integer slow(Duration CALL_TIMEOUT_) {\n"
                        + "        return this.ref.call(new Counter.Slow(CALL_TIMEOUT_), CALL_TIMEOUT);");
    }

    @Test
    void nestedServerBesideATopLevelClassOfTheJoinedName() {
        JavaFileObject shop = Compilations.source("Shop", """
                public class Shop {
                    @GenServer
                    public static class Cart {
                        Integer init() { return 0; }
                    }
                }
                """);
        JavaFileObject joined = Compilations.source("Shop_Cart", """
                @GenServer
                public class Shop_Cart {
                    Integer init() { return 0; }
                }
                """);
        Compilation compilation = Compilations.compile(shop, joined);
        assertThat(compilation).hadErrorContaining("[GenServerGeneratedTypeClash] @GenServer class Shop_Cart would "
                        + "generate the class test.Shop_CartClient, but @GenServer class test.Shop.Cart generates a "
                        + "class of that name too. Rename one of the classes, or give this server's client another "
                        + "name with @GenServer(clientName = \"...\")")
                .inFile(joined).onLineContaining("public class Shop_Cart");
        assertThat(compilation).hadErrorContaining("[GenServerGeneratedTypeClash] @GenServer class Shop_Cart would "
                + "generate the class test.Shop_Cart_Dispatcher").inFile(joined).onLineContaining("class Shop_Cart");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void clientNameOfAnExistingClass() {
        JavaFileObject counter = Compilations.source("Counter", """
                @GenServer(clientName = "Shop")
                public class Counter {
                    Integer init() { return 0; }
                }
                """);
        JavaFileObject shop = Compilations.source("Shop", "public class Shop {}\n");
        Compilation compilation = Compilations.compile(counter, shop);
        assertThat(compilation).hadErrorContaining("[GenServerGeneratedTypeClash] @GenServer class Counter would "
                        + "generate the class test.Shop, but a class of that name is already declared in the sources. "
                        + "Choose another clientName")
                .inFile(counter).onLineContaining("clientName = \"Shop\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void handWrittenClientAlreadyPresent() {
        JavaFileObject counter = Compilations.source("Counter", """
                @GenServer
                public class Counter {
                    Integer init() { return 0; }
                }
                """);
        JavaFileObject client = Compilations.source("CounterClient", "public class CounterClient {}\n");
        Compilation compilation = Compilations.compile(counter, client);
        assertThat(compilation).hadErrorContaining("[GenServerGeneratedTypeClash] @GenServer class Counter would "
                        + "generate the class test.CounterClient, but a class of that name is already declared in the "
                        + "sources")
                .inFile(counter).onLineContaining("public class Counter");
        assertThat(compilation).hadErrorCount(1);
    }
}
