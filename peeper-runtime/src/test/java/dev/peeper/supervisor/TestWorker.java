package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;
import dev.peeper.process.ExitSignal;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.GenServers;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import dev.peeper.server.StartOptions;
import dev.peeper.server.Stop;
import java.util.concurrent.CountDownLatch;

/**
 * The worker of the supervisor tests: a server that writes its start and its end into a {@link Journal}, traps
 * exits (so {@code terminate} runs when its supervisor shuts it down), and does what the test casts to it.
 *
 * <ul>
 *   <li>cast {@link #CRASH}: throws {@link Boom};
 *   <li>cast {@link StopWith}: stops with that reason ({@code normal}, {@code shutdown}, ...);
 *   <li>call {@link #PING}: answers {@code "pong"};
 *   <li>an exit signal from anyone but its parent (a test's {@code Proc.exit(pid, ExitReason.of("boom"))}):
 *       stops with its reason, as a trapping OTP worker that follows the signal would.
 * </ul>
 *
 * <pre>{@code
 * ChildSpec a = TestWorker.spec("a", journal);
 * ChildSpec slow = ChildSpec.worker("slow", TestWorker.start("slow", journal, Config.DEFAULT.holdingTerminate(latch)));
 * }</pre>
 *
 * <p>A new instance is made for every start, as a supervisor restarts from a factory.
 */
final class TestWorker implements Dispatcher<TestWorker> {
    /** Cast it to make the worker throw {@link Boom}. */
    static final String CRASH = "crash";
    /** Call it to check the worker serves; the answer is {@code "pong"}. */
    static final String PING = "ping";
    private static final String CRASH_AT_ONCE = "crash at once";

    /** Cast it to make the worker stop with {@code reason}. */
    record StopWith(ExitReason reason) {
    }

    /** A crash on purpose; without a stack trace, to keep the logs of many crashes short. */
    static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * How a test worker behaves beyond the defaults.
     *
     * @param trapExits       trap exits in {@code init} (the default), so a shutdown runs {@code terminate}
     * @param holdTerminate   if not {@code null}, {@code terminate} waits for it after writing to the journal: a
     *                        worker that ignores its shutdown until killed or released
     * @param crashAtOnce     crash right after every start, before any message: a crash loop
     * @param options         start options (a name, say)
     */
    record Config(boolean trapExits, CountDownLatch holdTerminate, boolean crashAtOnce, StartOptions options) {
        static final Config DEFAULT = new Config(true, null, false, StartOptions.defaults());

        Config notTrappingExits() {
            return new Config(false, holdTerminate, crashAtOnce, options);
        }

        Config holdingTerminate(CountDownLatch latch) {
            return new Config(trapExits, latch, crashAtOnce, options);
        }

        Config crashingAtOnce() {
            return new Config(trapExits, holdTerminate, true, options);
        }

        Config named(Object name) {
            return new Config(trapExits, holdTerminate, crashAtOnce, StartOptions.named(name));
        }
    }

    private final Object id;
    private final Journal journal;
    private final Config config;
    private Pid self;

    private TestWorker(Object id, Journal journal, Config config) {
        this.id = id;
        this.journal = journal;
        this.config = config;
    }

    /** A permanent worker spec with the defaults. */
    static ChildSpec spec(Object id, Journal journal) {
        return ChildSpec.worker(id, start(id, journal));
    }

    /** Starts a default test worker linked to the caller. */
    static ChildStart start(Object id, Journal journal) {
        return start(id, journal, Config.DEFAULT);
    }

    /** Starts a test worker linked to the caller (the supervisor). */
    static ChildStart start(Object id, Journal journal, Config config) {
        return () -> GenServers.startLink(new TestWorker(id, journal, config), null, config.options()).pid();
    }

    @Override
    public Result<TestWorker> init(Object ignored) {
        self = Proc.self();
        if (config.trapExits()) {
            Proc.trapExit(true);
        }
        journal.started(id, self);
        Next<TestWorker> next = Next.of(this);
        return config.crashAtOnce() ? next.thenContinue(CRASH_AT_ONCE) : next;
    }

    @Override
    public Result<TestWorker> handleCall(Object request, From<Object> from, TestWorker state) {
        if (PING.equals(request)) {
            return Reply.of("pong", this);
        }
        throw new IllegalArgumentException("test worker " + id + " got an unknown call " + request);
    }

    @Override
    public Result<TestWorker> handleCast(Object request, TestWorker state) {
        if (CRASH.equals(request)) {
            throw new Boom("worker " + id + " crashes on request (on purpose)");
        }
        if (request instanceof StopWith(ExitReason reason)) {
            return Stop.of(reason, this);
        }
        throw new IllegalArgumentException("test worker " + id + " got an unknown cast " + request);
    }

    @Override
    public Result<TestWorker> handleInfo(Object message, TestWorker state) {
        if (message instanceof ExitSignal(Pid ignored, ExitReason reason)) {
            return Stop.of(reason, this);
        }
        return Next.of(this);
    }

    @Override
    public Result<TestWorker> handleContinue(Object continuation, TestWorker state) {
        throw new Boom("worker " + id + " crashes right after its start (on purpose)");
    }

    @Override
    public void terminate(ExitReason reason, TestWorker state) {
        journal.stopped(id, self, reason);
        if (config.holdTerminate() != null) {
            try {
                config.holdTerminate().await(); // ignores the shutdown: only a kill or the test ends the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // killed: the process ends with killed all the same
            }
        }
    }

    @Override
    public String toString() {
        return "TestWorker[" + id + "]";
    }
}
