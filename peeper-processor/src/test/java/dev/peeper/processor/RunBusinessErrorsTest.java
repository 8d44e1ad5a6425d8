package dev.peeper.processor;

import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Typed business errors: a checked exception a handleCall declares reaches its caller as itself, and the server
 * carries on with its state, counting no restart; unchecked exceptions still crash the worker. Run for a Peeper
 * server through the generated client and for a plain server through its dispatcher.
 */
class RunBusinessErrorsTest {
    static final JavaFileObject BANK = source("Bank", """
            @GenServer
            public class Bank {
                public static class InsufficientFunds extends Exception {
                    private static final long serialVersionUID = 1L;
                    public InsufficientFunds(String message, Throwable cause) { super(message, cause); }
                }
                public record Withdraw(long amount) {}
                public record Balance() {}
                public record Audit(boolean checked) {}
                public record Later(long amount) {}
                public record Bug() {}
                Long init(Long start) { return start; }
                Reply<Long, Long> handleCall(Withdraw w, Long balance) throws InsufficientFunds {
                    if (w.amount() > balance) {
                        throw new InsufficientFunds("need " + w.amount() + ", have " + balance,
                                new IllegalStateException("ledger"));
                    }
                    return Reply.of(balance - w.amount(), balance - w.amount());
                }
                Reply<Long, Long> handleCall(Balance b, Long balance) { return Reply.of(balance, balance); }
                Reply<Long, Long> handleCall(Audit a, Long balance) throws Exception {
                    if (a.checked()) {
                        throw new java.io.IOException("audit trail unavailable");
                    }
                    throw new IllegalStateException("a bug, not a business error");
                }
                Next<Long> handleCall(Later l, From<Long> from, Long balance) throws InsufficientFunds,
                        java.util.concurrent.TimeoutException {
                    if (l.amount() > balance) {
                        throw new InsufficientFunds("later: need " + l.amount(), null);
                    }
                    from.reply(balance - l.amount());
                    return Next.of(balance - l.amount());
                }
                Reply<Long, Long> handleCall(Bug b, Long balance) throws InsufficientFunds {
                    throw new ArithmeticException("unchecked stays a crash");
                }
            }
            """);

    @Test
    void peeperClientRethrowsDeclaredExceptionsAndTheWorkerCarriesOn() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", BANK, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        BankClient bank = BankClient.start(100L);
                        Pid worker = bank.worker();
                        List<Object> seen = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {           // more than the restart limit, if they counted
                            try {
                                bank.withdraw(500);
                                seen.add("no error");
                            } catch (Bank.InsufficientFunds e) {
                                seen.add(e.getMessage() + " / " + e.getCause().getMessage());
                            }
                        }
                        seen.add(bank.withdraw(30, java.time.Duration.ofSeconds(5)));
                        try {
                            bank.audit(true);
                        } catch (java.io.IOException e) {
                            seen.add(e.getMessage());
                        }
                        try {
                            bank.later(1000);
                        } catch (Bank.InsufficientFunds e) {
                            seen.add(e.getMessage());
                        }
                        seen.add(bank.later(20));
                        seen.add(bank.worker().equals(worker));
                        seen.add(bank.statistics().restarts());
                        try {
                            bank.withdrawAsync(1000).join();
                        } catch (CompletionException e) {   // the exception itself, as the blocking call throws it
                            seen.add(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
                        }
                        try {
                            bank.auditAsync(true).get();
                        } catch (ExecutionException e) {
                            seen.add(e.getCause().getClass().getSimpleName());
                        }
                        seen.add(bank.laterAsync(1000).handle((reply, failure) -> failure).get()
                                .getClass().getSimpleName());
                        seen.add(bank.withdrawAsync(10).get());
                        seen.add(bank.laterAsync(10).get());
                        seen.add(Arrays.stream(BankClient.class.getMethod("withdraw", long.class).getExceptionTypes())
                                .map(Class::getName).toList());
                        bank.stop();
                        return seen;
                    }
                }
                """));
        String refused = "need 500, have 100 / ledger";
        assertThat(result).containsExactly(refused, refused, refused, refused, refused, 70L,
                "audit trail unavailable", "later: need 1000", 50L, true, 0L,
                "InsufficientFunds: need 1000, have 50", "IOException", "InsufficientFunds", 40L, 30L,
                List.of("test.Bank$InsufficientFunds"));
    }

    @Test
    void uncheckedExceptionsStillCrashEvenWhenTheHandlerDeclaresException() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", BANK, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        BankClient bank = BankClient.start(100L);
                        List<Object> seen = new ArrayList<>();
                        try {
                            bank.audit(false);
                        } catch (ServerExitException e) {
                            seen.add(e.reason().cause().getMessage());
                        }
                        try {
                            bank.bug();
                        } catch (ServerExitException e) {
                            seen.add(e.reason().cause().getMessage());
                        }
                        seen.add(bank.auditAsync(false).handle((reply, failure) -> failure).get()
                                .getClass().getSimpleName());   // a crash, not a business error, for async too
                        seen.add(bank.balance());               // served by the worker restarted after all three
                        seen.add(bank.statistics().restarts());
                        bank.stop();
                        return seen;
                    }
                }
                """));
        assertThat(result).containsExactly("a bug, not a business error", "unchecked stays a crash",
                "ServerExitException", 100L, 3L);
    }

    @Test
    void plainServerAnswersTheCallerWithTheDeclaredException() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", BANK, source("Scenario", """
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        ServerRef bank = GenServers.start(new Bank_Dispatcher(), 100L);
                        List<Object> seen = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            try {
                                bank.call(new Bank.Withdraw(500));
                            } catch (CallFailedException e) {
                                seen.add(e.getCause() instanceof Bank.InsufficientFunds funds ? funds.getMessage()
                                        : e.getCause());
                            }
                        }
                        seen.add(bank.isAlive());
                        long balance = bank.call(new Bank.Balance());
                        seen.add(balance);
                        try {
                            bank.call(new Bank.Bug());
                        } catch (ServerExitException e) {
                            seen.add(e.reason().cause().getMessage());
                        }
                        seen.add(Proc.whenExited(bank.pid()).get(5, TimeUnit.SECONDS).getClass().getSimpleName());
                        return seen;
                    }
                }
                """));
        String refused = "need 500, have 100";
        assertThat(result).containsExactly(refused, refused, refused, refused, refused, true, 100L,
                "unchecked stays a crash", "Crash");
    }
}
