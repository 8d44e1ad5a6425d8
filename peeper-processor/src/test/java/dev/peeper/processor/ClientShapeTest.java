package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/** What the generated client offers for the less common handler shapes (compiled without warnings). */
class ClientShapeTest {
    @Test
    void shapesOfClientMethods() {
        Compilation compilation = Compilations.compile(Compilations.source("Registry", """
                @GenServer
                class Registry {
                    Map<String, String> init(List<String> seed) { return Map.of(); }
                    Reply<String, Map<String, String>> handleCall(String key, Map<String, String> entries) {
                        return Reply.of(entries.get(key), entries);
                    }
                    Reply<Object, Map<String, String>> handleCall(Object other, Map<String, String> entries) {
                        return Reply.of(other, entries);
                    }
                    Next<Map<String, String>> handleInfo(IdleTimeout idle, Map<String, String> entries) {
                        return Next.of(Map.of());
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        String client = GoldenTest.contents(compilation, "RegistryClient");
        String dispatcher = GoldenTest.contents(compilation, "Registry_Dispatcher");

        assertThat(client).as("package-private like the server").contains("\nfinal class RegistryClient {")
                .contains("public static RegistryClient start(List<String> seed)")
                .as("a message that is not a record is passed whole, named as in the handler")
                .contains("public String string(String key)")
                .contains("public CompletableFuture<String> stringAsync(String key)")
                .as("the catch-all and runtime-only info messages get no method")
                .doesNotContain("public Object object(").doesNotContain("sendIdleTimeout");
        assertThat(dispatcher).contains("\nfinal class Registry_Dispatcher implements Dispatcher<Map<String, String>>")
                .as("the start argument's cast is unchecked, and says so")
                .contains("@SuppressWarnings(\"unchecked\")\n"
                        + "    public Result<Map<String, String>> init(Object argument)")
                .contains("case String string -> this.server.handleCall(string, state);")
                .contains("default -> this.server.handleCall(request, state);");
    }

    @Test
    void initWithoutArgument() {
        Compilation compilation = Compilations.compile(Compilations.source("Clock", """
                @GenServer
                public class Clock {
                    Long init() { return 0L; }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenTest.contents(compilation, "ClockClient"))
                .contains("public static ClockClient start() {")
                .contains("public static ClockClient start(PeeperOptions options) {")
                .contains("Peeper.start(Clock_Dispatcher::new, null, options)")
                .contains("public static ChildSpec childSpec(Object id, PeeperOptions options) {")
                .as("only a server with stateCopy = COPY_METHOD has the helper")
                .doesNotContain("withStateCopy");
        assertThat(GoldenTest.contents(compilation, "Clock_Dispatcher"))
                .contains("return Next.of(this.server.init());")
                .contains("\"Clock has no handleCall for \" + request.getClass().getName()");
    }

    @Test
    void copyMethodServerStartsWithItsCopyState() {
        Compilation compilation = Compilations.compile(Compilations.source("Tally", """
                @GenServer(stateCopy = StateCopyMode.COPY_METHOD)
                public class Tally {
                    HashMap<String, Integer> init() { return new HashMap<>(); }
                    HashMap<String, Integer> copyState(HashMap<String, Integer> tally) { return new HashMap<>(tally); }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenTest.contents(compilation, "TallyClient"))
                .contains("return new TallyClient(Peeper.start(Tally_Dispatcher::new, null, withStateCopy(options)));")
                .contains("return new TallyClient(Peeper.startLink(Tally_Dispatcher::new, null, "
                        + "withStateCopy(options)));")
                .contains("return Peeper.childSpec(id, Tally_Dispatcher::new, null, withStateCopy(options));")
                .contains("private static PeeperOptions withStateCopy(PeeperOptions options) {\n"
                        + "        return options.stateCopy() != StateCopy.none() ? options\n"
                        + "                : options.withStateCopy(StateCopy.<HashMap<String, Integer>>of("
                        + "new Tally()::copyState));");
    }

    @Test
    void infoMessagesOfUserCodeUnderDevPeeperGetAMethod() {
        Compilation compilation = Compilations.compile(JavaFileObjects.forSourceString("dev.peeper.app.Ticker", """
                package dev.peeper.app;

                import dev.peeper.annotations.GenServer;
                import dev.peeper.server.IdleTimeout;
                import dev.peeper.server.Next;

                @GenServer
                public class Ticker {
                    public record Tick() {}
                    Integer init() { return 0; }
                    Next<Integer> handleInfo(Tick tick, Integer n) { return Next.of(n + 1); }
                    Next<Integer> handleInfo(IdleTimeout idle, Integer n) { return Next.of(n); }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenTest.contents(compilation, "dev.peeper.app", "TickerClient"))
                .contains("public void sendTick() {")
                .doesNotContain("sendIdleTimeout");
    }

    @Test
    void businessErrorsAreAnsweredByTheDispatcherAndRethrownByTheClientBlockingOrAsync() {
        Compilation compilation = Compilations.compile(Compilations.source("Bank", """
                @GenServer
                public class Bank {
                    public static class Refused extends Exception {
                        private static final long serialVersionUID = 1L;
                    }
                    public record Withdraw(long amount) {}
                    public record Audit() {}
                    Long init() { return 0L; }
                    Reply<Long, Long> handleCall(Withdraw w, Long balance) throws Refused { return Reply.of(0L, 0L); }
                    Reply<Long, Long> handleCall(Audit a, Long balance) throws Exception { return Reply.of(0L, 0L); }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        String client = GoldenTest.contents(compilation, "BankClient");
        String dispatcher = GoldenTest.contents(compilation, "Bank_Dispatcher");
        assertThat(client).contains("""
                    public Long withdraw(long amount) throws Bank.Refused {
                        try {
                            return this.ref.call(new Bank.Withdraw(amount), CALL_TIMEOUT);
                        } catch (CallFailedException failed) {
                            if (failed.getCause() instanceof Bank.Refused declared) {
                                throw declared;
                            }
                            throw failed;
                        }
                    }
                """).contains("""
                            if (!(failed.getCause() instanceof RuntimeException) && !(failed.getCause() instanceof Error)
                                    && failed.getCause() instanceof Exception declared) {
                """).contains("""
                    public CompletableFuture<Long> withdrawAsync(long amount) {
                        CompletableFuture<Long> answer = new CompletableFuture<>();
                        ((CompletableFuture<Long>) (CompletableFuture<?>) this.ref.callAsync(new Bank.Withdraw(amount))).whenComplete((reply, failure) -> {
                            if (failure == null) {
                                answer.complete(reply);
                                return;
                            }
                            Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                                    ? wrapped.getCause() : failure;
                            if (cause instanceof CallFailedException failed && failed.getCause() instanceof Bank.Refused declared) {
                                answer.completeExceptionally(declared);
                                return;
                            }
                            answer.completeExceptionally(cause);
                        });
                        return answer;
                    }
                """).contains("@throws Bank.Refused when the handler throws it");
        assertThat(dispatcher).as("the callback itself throws nothing checked: the handlers' exceptions are answered")
                .contains("public Result<Long> handleCall(Object request, From<Object> from, Long state) {")
                .contains("""
                            case Bank.Withdraw withdraw -> {
                                try {
                                    yield this.server.handleCall(withdraw, state);
                                } catch (Bank.Refused failure) {
                                    // declared: a business error for the caller; the worker carries on with its state
                                    from.fail(failure);
                                    yield Next.of(state);
                                }
                            }
                """).contains("""
                                } catch (RuntimeException | Error crash) {
                                    throw crash;
                                } catch (Exception failure) {
                """);
    }

    @Test
    void sealedMessageTypeGivesAMethodPerSubtypeCallersCanName() {
        Compilation compilation = Compilations.compile(Compilations.source("Lamp", """
                @GenServer
                public class Lamp {
                    public sealed interface Command permits On, Off, Dim, Blink {}
                    public record On() implements Command {}
                    public record Off() implements Command {}
                    public enum Dim implements Command { LOW, HIGH }
                    private record Blink(int times) implements Command {}   // only the server sends it
                    Boolean init() { return false; }
                    Next<Boolean> handleCast(Command command, Boolean on) { return Next.of(command instanceof On); }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenTest.contents(compilation, "LampClient"))
                .contains("public void on() {\n        this.ref.cast(new Lamp.On());")
                .contains("public void off() {")
                .as("a permitted type that is not a record is taken whole")
                .contains("public void dim(Lamp.Dim dim) {\n        this.ref.cast(dim);")
                .doesNotContain("blink").doesNotContain("command(");
        assertThat(GoldenTest.contents(compilation, "Lamp_Dispatcher"))
                .contains("case Lamp.Command command -> this.server.handleCast(command, state);");
    }
}
