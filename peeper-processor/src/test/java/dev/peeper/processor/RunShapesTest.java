package dev.peeper.processor;

import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Compile-and-run tests for the less common shapes of a server class and of its messages. */
class RunShapesTest {
    @Test
    void deferredReplyThroughFrom() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Gate", """
                @GenServer
                public class Gate {
                    public record Await() {}
                    public record Open(String word) {}
                    public record Count() {}
                    List<From<String>> init() { return List.of(); }
                    Next<List<From<String>>> handleCall(Await await, From<String> from, List<From<String>> waiting) {
                        List<From<String>> more = new ArrayList<>(waiting);
                        more.add(from);
                        return Next.of(List.copyOf(more));
                    }
                    Reply<Integer, List<From<String>>> handleCall(Count count, List<From<String>> waiting) {
                        return Reply.of(waiting.size(), waiting);
                    }
                    Next<List<From<String>>> handleCast(Open open, List<From<String>> waiting) {
                        waiting.forEach(from -> from.reply(open.word()));
                        return Next.of(List.of());
                    }
                }
                """), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        GateClient gate = GateClient.start();
                        CompletableFuture<String> first = gate.awaitAsync();
                        CompletableFuture<String> second = gate.awaitAsync();
                        int waiting = gate.count();            // served after both awaits: they are parked now
                        boolean doneBefore = first.isDone() || second.isDone();
                        gate.open("sesame");
                        List<Object> seen = List.of(waiting, doneBefore, first.get(5, TimeUnit.SECONDS),
                                second.get(5, TimeUnit.SECONDS));
                        gate.stop();
                        return seen;
                    }
                }
                """));
        assertThat(result).containsExactly(2, false, "sesame", "sesame");
    }

    @Test
    void nestedServerAndKeywordNamedMessages() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Shop", """
                public class Shop {
                    @GenServer(callTimeout = "250ms")
                    public static class Cart {
                        public record New() {}
                        public record URLFetch(String url) {}
                        public record Items() {}
                        List<String> init() { return List.of(); }
                        Next<List<String>> handleCast(New n, List<String> items) { return Next.of(List.of()); }
                        Next<List<String>> handleCast(URLFetch fetch, List<String> items) {
                            List<String> more = new ArrayList<>(items);
                            more.add(fetch.url());
                            return Next.of(List.copyOf(more));
                        }
                        Reply<List<String>, List<String>> handleCall(Items i, List<String> items) {
                            return Reply.of(items, items);
                        }
                    }
                }
                """), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() {
                        Shop_CartClient cart = Shop_CartClient.start();
                        cart.urlFetch("a");
                        cart.urlFetch("b");
                        List<String> before = cart.items();
                        cart.new_();
                        List<String> after = cart.items();
                        cart.stop();
                        return List.of(before, after, Shop_CartClient.CALL_TIMEOUT.toMillis(),
                                new Shop_Cart_Dispatcher() instanceof Dispatcher<?>);
                    }
                }
                """));
        assertThat(result).containsExactly(List.of("a", "b"), List.of(), 250L, true);
    }

    @Test
    void nonGenericSubclassOfGenericServer() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Box", """
                public class Box<T> {
                    public record Get() {}
                    public record Put<V>(V value) {}
                    T init(T first) { return first; }
                    Reply<T, T> handleCall(Get get, T state) { return Reply.of(state, state); }
                    @SuppressWarnings("unchecked")
                    Next<T> handleCast(Put<?> put, T state) { return Next.of((T) put.value()); }
                }
                """), source("NameBox", """
                @GenServer(clientName = "Names")
                public class NameBox extends Box<String> {
                }
                """), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() {
                        Names names = Names.start("first");
                        String first = names.get();
                        names.put(new Box.Put<>("second"));
                        String second = names.get();
                        names.stop();
                        return List.of(first, second);
                    }
                }
                """));
        assertThat(result).containsExactly("first", "second");
    }

    @Test
    void infoContinueUpgradeAndCrash() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Ticker", """
                @GenServer
                public class Ticker {
                    public record Tick(int times) {}
                    public record Twice() {}
                    public record Read() {}
                    public record Crash() {}
                    Integer init() { return 0; }
                    Next<Integer> handleInfo(Tick tick, Integer n) { return Next.of(n + tick.times()); }
                    Next<Integer> handleInfo(Object other, Integer n) { return Next.of(n + 1000); }
                    Next<Integer> handleCast(Twice twice, Integer n) { return Next.of(n).thenContinue(twice); }
                    Next<Integer> handleContinue(Twice twice, Integer n) { return Next.of(n * 2); }
                    Reply<Integer, Integer> handleCall(Read read, Integer n) { return Reply.of(n, n); }
                    Reply<Integer, Integer> handleCall(Crash crash, Integer n) {
                        throw new IllegalStateException("boom");
                    }
                    Integer codeChange(Object oldVersion, Integer n, Object extra) { return n + (Integer) extra; }
                }
                """), source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() {
                        TickerClient ticker = TickerClient.start();
                        ticker.sendTick(3);
                        ticker.twice();
                        int afterContinue = ticker.read();
                        ticker.ref().send("unknown");
                        int afterInfo = ticker.read();
                        ticker.ref().upgrade(Ticker_Dispatcher::new, "v1", 4);
                        int afterChange = ticker.read();
                        Object crash;
                        try {
                            crash = ticker.crash();
                        } catch (ServerExitException e) {
                            crash = e.reason().cause().getMessage();
                        }
                        int after = ticker.read();      // a new worker, from the state before the crash
                        ticker.stop();
                        return List.of(afterContinue, afterInfo, afterChange, crash, after);
                    }
                }
                """));
        assertThat(result).containsExactly(6, 1006, 1010, "boom", 1010);
    }
}
