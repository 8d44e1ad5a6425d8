package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.testkit.LoopbackPorts;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Members of one test's cluster, in this JVM, on 127.0.0.1: a cluster name and ports of their own, an explicit
 * member list, phone-home off; and members in child JVMs ({@link #startChild}). Every wait is bounded; nothing
 * sleeps. Kills its child JVMs and terminates its members after each test.
 */
final class TestCluster implements BeforeEachCallback, AfterEachCallback {
    /** The bound of every wait: far above what any step needs (a loaded machine included). */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /**
     * The bound of a wait for the engine to merge a split's sides back: its split-brain search runs every
     * {@code maxNoHeartbeat} (5 s here), and a search that asked a member while it was paused first waits out the
     * engine's fixed 10 s join-check timeout, so on a loaded machine a heal may come more than 20 s after a resume.
     */
    static final Duration HEAL_TIMEOUT = Duration.ofSeconds(60);
    /** Starts of one member on fresh ports when its port was taken. */
    private static final int BIND_ATTEMPTS = 5;

    /** Where each child JVM's output goes: {@link ChildJvm#log}. */
    private static final Path CHILD_LOGS = Path.of("target", "child-jvms");

    private final List<PeeperCluster> started = new ArrayList<>();
    private final List<ChildJvm> children = new ArrayList<>();
    private final UnaryOperator<ClusterOptions> options;
    private String name;
    /** The test running, as its child JVMs' log files begin: {@code Class.method}. */
    private String test = "unknown";
    private List<Integer> ports;

    /** Members with {@link ClusterOptions}' defaults. */
    TestCluster() {
        this(UnaryOperator.identity());
    }

    /** Members whose options {@code options} changes (after the cluster name, port and member list are set). */
    TestCluster(UnaryOperator<ClusterOptions> options) {
        this.options = options;
    }

    /** Starts {@code count} members of a fresh cluster; waits until each sees all of them and backups are in place. */
    List<PeeperCluster> start(int count) {
        return start(count, count);
    }

    /** Reserves {@code capacity} member ports for a fresh cluster and starts the first {@code count}. */
    List<PeeperCluster> start(int count, int capacity) {
        name = "peeper-test-" + UUID.randomUUID();
        ports = new ArrayList<>(LoopbackPorts.reserve(capacity));
        List<PeeperCluster> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(member(i));
        }
        awaitSize(members, count);
        // a cluster that has just formed is still migrating partitions: a member terminated then may take the only
        // copy of one with it, the engine's limit (one backup) and not what a test of ours means to test
        Backups.awaitInPlace(members);
        return members;
    }

    /**
     * Starts member {@code index} of the cluster {@link #start} reserved ports for. A reserved port is free only
     * until the member binds it (another process may take it meanwhile, a late joiner's above all): if the bind
     * fails, the member starts on a fresh port instead, a bounded number of times, and {@link #port} answers the
     * port it bound. It joins through the member list all the same (the others need not list it).
     */
    PeeperCluster member(int index) {
        for (int attempt = 1; ; attempt++) {
            try {
                PeeperCluster member = PeeperCluster.start(options.apply(ClusterOptions.named(name)
                        .withPort(ports.get(index)).withMembers(addresses())));
                started.add(member);
                return member;
            } catch (RuntimeException e) {
                if (!portTaken(e) || attempt == BIND_ATTEMPTS) {
                    throw e;
                }
                ports.set(index, LoopbackPorts.reserve(1).get(0));
            }
        }
    }

    /**
     * Starts member {@code index} of the cluster {@link #start} reserved ports for in a JVM of its own running
     * {@code main}, whose arguments are the cluster name, its port and the member list (as {@link ChildMember}'s),
     * and waits until each member started in this JVM sees them all and the child. Every crash and pause test needs
     * this set-up; here it is written once, with the clean-up tests used to write each: the child is SIGKILLed after
     * the test whatever its end, so a failed test (or one that leaves it stopped with SIGSTOP) never leaves a JVM
     * behind. A test may still {@link ChildJvm#close} it earlier to crash it; a second close does nothing. What the
     * child prints goes to {@code target/child-jvms/<TestClass.method>-<main>-<index>-<random>.log} as well.
     *
     * <p>Call it while every member started in this JVM, and every earlier child, still runs: the size it waits
     * for counts them.
     *
     * <pre>{@code
     * List<PeeperCluster> members = cluster.start(2, 3);
     * ChildJvm child = cluster.startChild(ChildMember.class, 2); // the third member, in a JVM of its own
     * }</pre>
     */
    ChildJvm startChild(Class<?> main, int index) throws IOException {
        List<String> args = new ArrayList<>(List.of(name, String.valueOf(port(index))));
        args.addAll(addresses());
        ChildJvm child = ChildJvm.start(main, args, CHILD_LOGS.resolve(
                test + "-" + main.getSimpleName() + "-" + index + "-" + UUID.randomUUID().toString().substring(0, 8)
                + ".log"));
        children.add(child);
        awaitSize(started, started.size() + children.size());
        return child;
    }

    /** Whether {@code failure} of a member's start says its port was taken. */
    private static boolean portTaken(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The cluster name of the last {@link #start}. */
    String name() {
        return name;
    }

    /** The port reserved for member {@code index}. */
    int port(int index) {
        return ports.get(index);
    }

    /** The member list: every reserved port on 127.0.0.1. */
    List<String> addresses() {
        return ports.stream().map(port -> "127.0.0.1:" + port).toList();
    }

    /** Waits until each of {@code members} sees {@code size} Peeper members. */
    /** The member of {@code members} that runs process {@code pid}; fails if none does. */
    static PeeperCluster homeOf(List<PeeperCluster> members, Pid pid) {
        return members.stream().filter(member -> member.isHere(pid)).findFirst()
                .orElseThrow(() -> new AssertionError(pid + " runs on none of " + members));
    }

    static void awaitSize(List<PeeperCluster> members, int size) {
        awaitSize(members, size, TIMEOUT);
    }

    /** Waits until each of {@code members} sees {@code size} Peeper members again: a split's heal, by the engine. */
    static void awaitHealed(List<PeeperCluster> members, int size) {
        awaitSize(members, size, HEAL_TIMEOUT);
    }

    private static void awaitSize(List<PeeperCluster> members, int size, Duration timeout) {
        for (PeeperCluster member : members) {
            await(() -> member.nodes().size() == size, member + " to see " + size + " members", timeout);
        }
    }

    /**
     * Kills {@code member} as a crash would: no goodbye, its sockets just close, and its processes that hold cluster
     * names end with it (as a crashed JVM's would; the member ends them itself when its engine goes down): waits
     * for that, so no stale server of the dead member runs on in this JVM.
     */
    static void terminate(PeeperCluster member) {
        terminateTogether(List.of(member));
    }

    /**
     * Kills all of {@code members} at once, as {@link #terminate} kills one: every engine first, then the wait for
     * their processes, so that no repair copies a partition between two of the deaths (waiting for one member's
     * processes before killing the next gave the engine time to make a new backup). The cluster's master, if it is
     * among them, dies last: the member that takes its place resumes migrations when it claims mastership (Hazelcast's
     * {@code MembershipManager}), even those {@link Backups#pauseRepairs} paused, and repaired the partition table
     * while the next member was still alive (seen: a server's backup promoted, copied to a survivor and the server
     * started there from the state, which then survived both deaths).
     */
    static void terminateTogether(List<PeeperCluster> members) {
        List<PeeperCluster> order = new ArrayList<>(members);
        order.sort(Comparator.comparing(TestCluster::isMaster)); // false first: the master last
        List<Pid> hosted = new ArrayList<>();
        for (PeeperCluster member : order) {
            hosted.addAll(member.hosted());
            member.hazelcast().getLifecycleService().terminate();
        }
        for (Pid pid : hosted) {
            try {
                RemoteNodes.exitFuture(pid).get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while " + pid + " ended with its member", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError(pid + " did not end within " + TIMEOUT + " after its member was terminated",
                        e);
            }
        }
    }

    /** Whether {@code member} is its cluster's master (the oldest member); {@code false} once its engine is down. */
    private static boolean isMaster(PeeperCluster member) {
        try {
            return member.hazelcast().getCluster().getMembers().iterator().next().localMember();
        } catch (HazelcastInstanceNotActiveException e) {
            return false;
        }
    }

    /** Polls {@code condition} (spinning on yields, no sleep) until it holds or {@link #TIMEOUT} passes. */
    static void await(BooleanSupplier condition, String what) {
        await(condition, what, TIMEOUT);
    }

    private static void await(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Waits for {@code future} up to {@link #TIMEOUT}; its failure is rethrown as its cause. */
    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + TIMEOUT, e);
        }
    }

    /** Notes the test, for its child JVMs' log file names. */
    @Override
    public void beforeEach(ExtensionContext context) {
        test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }

    /** Kills the child JVMs first (as the tests' own {@code @AfterEach} methods did before), then the members here. */
    @Override
    public void afterEach(ExtensionContext context) {
        try {
            killChildren();
        } finally {
            terminateStarted();
        }
        assertThat(RemoteNodes.defaultNode()).as("every member's transport uninstalled").isZero();
    }

    /** SIGKILLs every child JVM {@link #startChild} started (a stopped one too) and waits until each has ended. */
    private void killChildren() {
        try {
            for (ChildJvm child : children) {
                child.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the child JVMs were killed", e);
        } finally {
            children.clear();
        }
    }

    /** {@link #terminate}s every member started in this JVM. */
    private void terminateStarted() {
        for (PeeperCluster member : started) {
            terminate(member);
        }
        started.clear();
    }
}
