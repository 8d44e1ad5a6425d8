package dev.peeper.bench.scenario;

import dev.peeper.bench.targets.BareMailbox;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * A ring: {@code n} processes each passing every message it receives to the next, with {@code tokens} messages
 * going round at once. Hops per second, for runtime processes ({@code Proc.spawn}, {@code receive}, {@code send})
 * and, as the floor, bare virtual threads with a {@link BareMailbox}. Unlike a call or a cast to one server, most
 * processes here are idle at any moment and each one parks after nearly every message: the case that any spinning
 * or yielding before a park would make slower (see ANALYSIS.md, section 6).
 */
final class Ring {
    /** Measured rounds after one warm-up round. */
    private static final int ROUNDS = 5;

    private Ring() {
    }

    static void run(String kind, int n, int tokens, long roundMillis) throws InterruptedException {
        if (n < 2 || tokens < 1 || tokens > n) {
            throw new IllegalArgumentException("a ring needs 2 or more processes and 1 to n tokens: n=" + n
                    + ", tokens=" + tokens);
        }
        LongAdder hops = new LongAdder();
        CountDownLatch wired = new CountDownLatch(1);
        Hop[] ring = switch (kind) {
            case "process" -> processes(n, hops, wired);
            case "bare" -> bare(n, hops, wired);
            default -> throw new IllegalArgumentException("unknown ring kind " + kind + "; use process or bare");
        };
        wired.countDown();
        for (int t = 0; t < tokens; t++) {
            ring[(int) ((long) t * n / tokens)].send(t); // spread out, so tokens do not queue behind each other
        }
        double[] rates = new double[ROUNDS];
        for (int round = -1; round < ROUNDS; round++) {
            long before = hops.sum();
            long start = System.nanoTime();
            Thread.sleep(roundMillis);
            double rate = (hops.sum() - before) / ((System.nanoTime() - start) / 1e9);
            if (round >= 0) {
                rates[round] = rate;
            }
        }
        Arrays.sort(rates);
        Scenarios.result("ring." + kind + "." + n + "." + tokens + ".hopsPerSecond", rates[ROUNDS / 2]);
    }

    /** Where a ring member sends: the next one's mailbox. */
    private interface Hop {
        void send(Object message);
    }

    private static Hop[] processes(int n, LongAdder hops, CountDownLatch wired) {
        Pid[] pids = new Pid[n];
        for (int i = 0; i < n; i++) {
            int next = (i + 1) % n;
            pids[i] = Proc.spawn(() -> {
                wired.await();
                Pid to = pids[next];
                while (true) {
                    Object token = Proc.receive();
                    hops.increment();
                    Proc.send(to, token);
                }
            });
        }
        Hop[] ring = new Hop[n];
        for (int i = 0; i < n; i++) {
            Pid pid = pids[i];
            ring[i] = message -> Proc.send(pid, message);
        }
        return ring;
    }

    private static Hop[] bare(int n, LongAdder hops, CountDownLatch wired) {
        BareMailbox[] boxes = new BareMailbox[n];
        for (int i = 0; i < n; i++) {
            boxes[i] = new BareMailbox();
        }
        for (int i = 0; i < n; i++) {
            BareMailbox mine = boxes[i];
            BareMailbox to = boxes[(i + 1) % n];
            Thread.ofVirtual().start(() -> {
                try {
                    wired.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (true) {
                    Object token = mine.take();
                    hops.increment();
                    to.put(token);
                }
            });
        }
        Hop[] ring = new Hop[n];
        for (int i = 0; i < n; i++) {
            ring[i] = boxes[i]::put;
        }
        return ring;
    }
}
