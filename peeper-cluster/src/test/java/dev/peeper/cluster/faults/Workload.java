package dev.peeper.cluster.faults;

import dev.peeper.cluster.PeeperCluster;
import dev.peeper.process.Pid;
import dev.peeper.server.ServerRef;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The workload of one member: workers, each a virtual thread running as the member, that call and cast to the
 * named counters and the cache and print every operation to the history as it goes (one line each, with
 * {@link System#nanoTime}, which on Linux is the same monotonic clock in every JVM of the machine):
 * <pre>
 * H &lt;nanos&gt; invoke &lt;op&gt; &lt;kind&gt; &lt;name&gt; [&lt;key&gt; &lt;value&gt;]   kind: cast, add, put, get
 * H &lt;nanos&gt; ok &lt;op&gt; &lt;incarnation&gt; [&lt;value read&gt;]
 * H &lt;nanos&gt; fail &lt;op&gt; &lt;reason&gt;    certainly not applied: the name resolved to no server, nothing was sent
 * H &lt;nanos&gt; info &lt;op&gt; &lt;reason&gt;    may or may not have been applied
 * </pre>
 * A counter batch is 0-3 casts of {@code add <op>} then a call {@code add <op>}, all to the pid the name resolved
 * to: the call answers after the casts (one sender, one server, in order), so its answer acknowledges them too,
 * with the incarnation that answered. If it fails, they are all in doubt.
 */
final class Workload {
    /** The pace of one worker: an operation about every this long (a schedule, not a synchronisation). */
    private static final Duration PACE = Duration.ofMillis(15);
    private static final int KEYS = 4;

    private final PeeperCluster member;
    private final String label;
    private final Random random;
    private final List<String> counters;
    private final List<String> caches;
    private final PrintStream out;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private CountDownLatch done;

    Workload(PeeperCluster member, String label, Random random, List<String> names, PrintStream out) {
        this.member = member;
        this.label = label;
        this.random = random;
        this.counters = names.stream().filter(n -> n.startsWith("counter")).toList();
        this.caches = names.stream().filter(n -> n.startsWith("cache")).toList();
        this.out = out;
    }

    void start(int workers) {
        done = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            Worker worker = new Worker(label + "w" + w, new Random(random.nextLong()));
            Thread.ofVirtual().name("fault-worker-" + w).start(() -> {
                try {
                    member.runAs(worker::run);
                } finally {
                    done.countDown();
                }
            });
        }
    }

    /** Stops the workers and waits (bounded by a call's timeout and then some) until each has ended. */
    void halt() throws InterruptedException {
        running.set(false);
        if (!done.await(FaultMember.CALL_TIMEOUT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS)) {
            FaultMember.say(out, "WORKERS-STUCK " + done.getCount());
        }
    }

    private final class Worker {
        private final String id;
        private final Random random;
        private int sequence;

        Worker(String id, Random random) {
            this.id = id;
            this.random = random;
        }

        void run() {
            while (running.get()) {
                int dice = random.nextInt(100);
                if (dice < 60 || caches.isEmpty()) {
                    counterBatch(counters.get(random.nextInt(counters.size())));
                } else {
                    String cache = caches.get(random.nextInt(caches.size()));
                    String key = "k" + random.nextInt(KEYS);
                    if (dice < 85) {
                        put(cache, key);
                    } else {
                        get(cache, key);
                    }
                }
                LockSupport.parkNanos(PACE.toNanos());
            }
        }

        private String nextOp() {
            return id + "-" + sequence++;
        }

        private void counterBatch(String name) {
            List<String> casts = new ArrayList<>();
            int castCount = random.nextInt(4);
            for (int i = 0; i < castCount; i++) {
                casts.add(nextOp());
            }
            String call = nextOp();
            List<String> all = new ArrayList<>(casts);
            all.add(call);
            Pid pid;
            try {
                pid = member.name(name).whereis();
            } catch (RuntimeException e) {
                pid = null;
            }
            if (pid == null) {
                all.forEach(op -> {
                    history("invoke", op, (casts.contains(op) ? "cast " : "add ") + name);
                    history("fail", op, "unresolved");
                });
                return;
            }
            ServerRef ref = ServerRef.of(pid);
            try {
                for (String op : casts) {
                    history("invoke", op, "cast " + name);
                    ref.cast("add " + op);
                }
                history("invoke", call, "add " + name);
                String incarnation = ref.call("add " + call, FaultMember.CALL_TIMEOUT);
                all.forEach(op -> history("ok", op, incarnation));
            } catch (RuntimeException e) {
                String reason = reason(e);
                all.forEach(op -> history("info", op, reason));
            }
        }

        private void put(String cache, String key) {
            String op = nextOp();
            call(cache, op, "put " + cache + " " + key + " " + op, "put " + key + " " + op);
        }

        private void get(String cache, String key) {
            String op = nextOp();
            call(cache, op, "get " + cache + " " + key, "get " + key);
        }

        private void call(String name, String op, String description, String request) {
            Pid pid;
            try {
                pid = member.name(name).whereis();
            } catch (RuntimeException e) {
                pid = null;
            }
            history("invoke", op, description);
            if (pid == null) {
                history("fail", op, "unresolved");
                return;
            }
            try {
                String answer = ServerRef.of(pid).call(request, FaultMember.CALL_TIMEOUT);
                history("ok", op, answer);
            } catch (RuntimeException e) {
                history("info", op, reason(e));
            }
        }

        private static String reason(RuntimeException e) {
            return e.getClass().getSimpleName() + (e.getCause() == null ? ""
                    : "/" + e.getCause().getClass().getSimpleName());
        }

        private void history(String type, String op, String rest) {
            FaultMember.say(out, "H " + System.nanoTime() + " " + type + " " + op + " " + rest);
        }
    }
}
