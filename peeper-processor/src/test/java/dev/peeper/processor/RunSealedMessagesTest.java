package dev.peeper.processor;

import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A handler taking a sealed type gets one client method per permitted subtype (records built from their
 * components, other types taken whole, sealed subtypes expanded), while dispatch stays one type switch arm.
 */
class RunSealedMessagesTest {
    @Test
    void oneClientMethodPerPermittedSubtype() throws Exception {
        List<Object> result = CompiledClasses.run("test.Scenario", source("Account", """
                @GenServer
                public class Account {
                    public sealed interface Command permits Deposit, Withdraw, Balance, Admin {}
                    public record Deposit(long amount) implements Command {}
                    public record Withdraw(long amount) implements Command {}
                    public record Balance() implements Command {}
                    public sealed interface Admin extends Command permits Freeze, Audit {}
                    public record Freeze(String... reasons) implements Admin {}
                    public static final class Audit implements Admin {}

                    public sealed interface Note permits Remark, Shout {}
                    public record Remark(String text) implements Note {}
                    public record Shout(String text) implements Note {}

                    Long init() { return 0L; }
                    Reply<Long, Long> handleCall(Command command, Long balance) {
                        return switch (command) {
                            case Deposit d -> Reply.of(balance + d.amount(), balance + d.amount());
                            case Withdraw w -> Reply.of(balance - w.amount(), balance - w.amount());
                            case Balance b -> Reply.of(balance, balance);
                            case Freeze f -> Reply.of((long) f.reasons().length, balance);
                            case Audit a -> Reply.of(-balance, balance);
                        };
                    }
                    Next<Long> handleCast(Note note, Long balance) { return Next.of(balance + 1); }
                    Next<Long> handleCast(Shout shout, Long balance) { return Next.of(balance + 1000); }
                }
                """), source("Scenario", """
                import java.lang.reflect.Method;
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        AccountClient account = AccountClient.start();
                        List<Object> seen = new ArrayList<>();
                        seen.add(account.deposit(100));
                        seen.add(account.withdraw(30));
                        seen.add(account.balance());
                        seen.add(account.freeze("fraud", "audit"));
                        seen.add(account.audit(new Account.Audit()));
                        seen.add(account.balanceAsync().get(5, TimeUnit.SECONDS));
                        account.remark("hi");
                        account.shout("HI");
                        seen.add(account.balance());
                        seen.add(Arrays.stream(AccountClient.class.getDeclaredMethods()).map(Method::getName)
                                .filter(name -> name.equals("command") || name.equals("note") || name.equals("admin"))
                                .toList());
                        seen.add(AccountClient.class.getMethod("freeze", String[].class).isVarArgs());
                        account.stop();
                        return seen;
                    }
                }
                """));
        assertThat(result).containsExactly(100L, 70L, 70L, 2L, -70L, 70L, 1071L, List.of(), true);
    }
}
