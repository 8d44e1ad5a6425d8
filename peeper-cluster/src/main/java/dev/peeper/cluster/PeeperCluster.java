package dev.peeper.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.transport.Members;
import dev.peeper.cluster.transport.NodeTransport;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.registry.ProcessName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * This JVM's membership in a Peeper cluster: an embedded Hazelcast member, the node number its processes' pids
 * carry, the transport that lets processes here and on other members send, call, monitor and link to each
 * other, and the {@linkplain #names() cluster-wide names}.
 *
 * <pre>{@code
 * try (PeeperCluster cluster = PeeperCluster.start(ClusterOptions.named("orders")
 *         .withMembers("192.0.2.5", "192.0.2.6", "192.0.2.7").withInterface("192.0.2.5"))) {
 *     ProcessName book = ProcessName.via(cluster.names(), "book");
 *     GenServers.start(new OrderBook(), null, StartOptions.named(book));
 *     ServerRef.named(book).call(new Get()); // from any member
 * }
 * }</pre>
 *
 * <h2>Settings</h2>
 * <ul>
 *   <li><b>One machine</b> (tests, demos): {@code ClusterOptions.named(name)} binds {@code 127.0.0.1} and joins
 *       the members on ports 5701-5710 there; give each member its own port with {@code withPort}.</li>
 *   <li><b>A LAN</b>: bind each member's own address ({@code withInterface}) and list every member's address
 *       ({@code withMembers}); the list is how members find each other (no multicast).</li>
 *   <li><b>Kubernetes</b> (or a cloud): configure Hazelcast's discovery in a {@link Config} of your own, on the
 *       advanced network with a member endpoint (for Kubernetes,
 *       {@code config.getAdvancedNetworkConfig().getJoin().getKubernetesConfig().setEnabled(true)} with a headless
 *       service, and TCP/IP and multicast off) and pass it to {@link #start(Config)}; the unified network lets a
 *       frozen member stall the others' connections (see the README).</li>
 * </ul>
 * Whatever the configuration, Peeper sets: phone-home off, {@code hazelcast.operation.fail.on.indeterminate.state}
 * on (a write whose backup may be lost fails instead of being acknowledged), the name and state maps with one
 * synchronous backup, the specs of the servers to keep running with two (so a server whose state died with two
 * members at once is still started again, from {@code init}, with an error logged and its listener told), and its
 * serializers. {@link ClusterOptions} also sets failure detection in seconds (heartbeat 1 s, a
 * silent member removed after 5 s) instead of Hazelcast's minute.
 *
 * <h2>JVM flags</h2>
 * Hazelcast asks for these (it runs without them, with a warning and slower metrics), listed in {@link #JVM_FLAGS}
 * for code that starts member JVMs:
 * {@code --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
 * --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens java.management/sun.management=ALL-UNNAMED
 * --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED}.
 *
 * <h2>Nodes and pids</h2>
 * Each start draws a new random node number (the member's <em>incarnation</em>), never reused: a pid of a member
 * that restarted reaches nothing. Processes of this JVM belong to the first member started in it; tests that run
 * several members in one JVM spawn each member's processes inside {@link #callAs(Supplier)}.
 */
public final class PeeperCluster implements AutoCloseable {
    /**
     * The JVM flags Hazelcast asks for (it runs without them, with a warning and slower metrics), one list element
     * per command-line word: for a launcher that starts member JVMs.
     */
    public static final List<String> JVM_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /**
     * How long {@link #close()} may spend handing this member's servers over to the others before it leaves: each
     * takes a suspend, a replicated write and a start on the other member (milliseconds on a LAN), all in parallel.
     */
    public static final Duration HANDOFF_TIMEOUT = Duration.ofSeconds(10);

    /** The executor that starts servers on the members owning their names. */
    static final String START_EXECUTOR = "peeper.start";
    /** The Peeper side of each member running in this JVM, by Hazelcast instance name: for tasks sent to it. */
    private static final Map<String, PeeperCluster> RUNNING = new ConcurrentHashMap<>();

    private final HazelcastInstance hazelcast;
    private final boolean ownsInstance;
    private final long node;
    private final Members members;
    private final NodeTransport transport;
    private final ClusterNames names;
    private final HostedProcesses hosted;
    private final Failover failover;
    private final Handoffs handoffs;
    private final Conflicts conflicts;
    private final LocalSlots slots = new LocalSlots();
    private final MergeBarrier mergeBarrier = new MergeBarrier(Conflicts.STEP_TIMEOUT);
    private final Quorum quorum;
    private final MajorityGuard guard;
    private final UUID lifecycleListener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PeeperCluster(HazelcastInstance hazelcast, boolean ownsInstance) {
        this.hazelcast = hazelcast;
        this.ownsInstance = ownsInstance;
        this.node = HazelcastSettings.nodeOf(hazelcast);
        MemberSecurity security = MemberSecurity.of(hazelcast);
        this.members = new Members(hazelcast, security.sealed());
        this.transport = new NodeTransport(hazelcast, node, members, security, InternalAccess.INSTANCE);
        if (!security.sealed()) {
            LoggerFactory.getLogger(PeeperCluster.class).warn("Node {} runs an UNAUTHENTICATED Peeper cluster: any "
                    + "machine that reaches its port can join, read and forge messages and states. Configure a "
                    + "cluster secret (ClusterOptions.withSecret or withSecretFromEnv, the same on every member), and "
                    + "see docs/SECURITY.md", node);
        }
        members.onLeave(transport::nodeLeft);
        this.hosted = new HostedProcesses(node);
        this.names = new ClusterNames(hazelcast, members, hosted);
        this.quorum = new Quorum(hazelcast, members); // before the failover, whose ticks ask it
        this.failover = new Failover(this, members);
        this.handoffs = new Handoffs(this);
        this.conflicts = new Conflicts(this);
        this.guard = new MajorityGuard(this, quorum, failover);
        MajorityGuard.awaitProtection(hazelcast);
        RemoteNodes.install(transport);
        RUNNING.put(hazelcast.getName(), this);
        // the member may also end without close(): terminated, or shut down by Hazelcast itself
        this.lifecycleListener = hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                leave();
            } else if (event.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                endHostedProcesses();
            } else if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
                // what this member cached while cut off came from its own side's map, which the merge discards: a
                // start here during the merge (a handoff, as soon as it joins) must not meet a holder from it
                names.forgetAll();
                if (quorum.minimum() == 1) { // a side alone acknowledged: all it did must be in what the merge takes
                    mergeBarrier.close(slots);
                }
            } else if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                // on the engine's merge thread: settle this member's servers on a thread of their own
                long closing = mergeBarrier.closing();
                Thread.ofVirtual().name("peeper-after-merge").start(() -> {
                    try {
                        conflicts.afterMerge();
                    } finally {
                        mergeBarrier.open(closing);
                    }
                });
            } else if (event.getState() == LifecycleEvent.LifecycleState.MERGE_FAILED) {
                mergeBarrier.open(mergeBarrier.closing());
            }
        });
    }

    /**
     * Starts a member configured by {@code options} and joins its cluster.
     *
     * @param options the cluster's name, interface, ports, members and timings
     * @return the running member
     */
    public static PeeperCluster start(ClusterOptions options) {
        return start(HazelcastSettings.from(Objects.requireNonNull(options, "options")));
    }

    /**
     * Starts a member from the user's own Hazelcast {@code config} (discovery, interfaces, anything Hazelcast
     * offers), with what Peeper needs {@linkplain #prepare(Config) added} to it.
     *
     * @param config the user's Hazelcast configuration
     * @return the running member
     */
    public static PeeperCluster start(Config config) {
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(prepare(Objects.requireNonNull(config, "config")));
        try {
            return new PeeperCluster(hazelcast, true);
        } catch (RuntimeException e) {
            hazelcast.getLifecycleService().terminate();
            throw e;
        }
    }

    /**
     * Adds what every Peeper member needs to {@code config} (see the class comment) and a fresh node number, for
     * a member the user creates; then pass the member to {@link #adopt}. Call it before each start.
     *
     * @param config the user's Hazelcast configuration, changed in place
     * @return {@code config}
     */
    public static Config prepare(Config config) {
        return HazelcastSettings.prepare(Objects.requireNonNull(config, "config"));
    }

    /**
     * {@link #prepare(Config)} with {@code security}: the cluster secret, the deserialization allow-list and the
     * size limit for a member of the user's own configuration (the cluster name in {@code config} salts the key, so
     * set it first).
     *
     * <pre>{@code
     * Config config = new Config().setClusterName("orders");   // plus discovery, interfaces...
     * PeeperCluster cluster = PeeperCluster.start(PeeperCluster.prepare(config,
     *         ClusterSecurity.none().withSecretFromEnv().withAllowedClasses("com.example.orders.")));
     * }</pre>
     *
     * @param config   the user's Hazelcast configuration, changed in place
     * @param security the security settings
     * @return {@code config}
     */
    public static Config prepare(Config config, ClusterSecurity security) {
        Objects.requireNonNull(config, "config").getUserContext().put(MemberSecurity.SETTINGS_KEY,
                Objects.requireNonNull(security, "security"));
        return prepare(config);
    }

    /**
     * Runs Peeper on a member the user created from a {@linkplain #prepare(Config) prepared} configuration.
     * Closing the returned cluster leaves the member running.
     *
     * @param hazelcast a member started from a prepared configuration
     * @return the Peeper side of that member
     * @throws IllegalArgumentException if the member's configuration was not prepared
     */
    public static PeeperCluster adopt(HazelcastInstance hazelcast) {
        return new PeeperCluster(Objects.requireNonNull(hazelcast, "hazelcast"), false);
    }

    /** {@return this member's node number: the node part of its processes' pids on the wire} */
    public long node() {
        return node;
    }

    /** {@return the node numbers of the Peeper members in the cluster now, this one included} */
    public Set<Long> nodes() {
        return members.nodes();
    }

    /** {@return the cluster-wide name registry: use it in {@link ProcessName#via}} */
    public ClusterNames names() {
        return names;
    }

    /**
     * A cluster-wide name, short for {@code ProcessName.via(names(), name)}.
     *
     * @param name any name that can travel between members
     * @return the name in the cluster-wide registry
     */
    public ProcessName name(Object name) {
        return ProcessName.via(names, name);
    }

    /**
     * Starts the server named {@code name} on the member that owns the name (its partition's owner, where its
     * replicated state's primary copy lives too), from any member, and returns its pid. If the name is registered
     * already, nothing starts and the holder's pid is returned: starting one name twice, from anywhere, gives one
     * server. Waits up to {@code timeout}. When the server's member dies, the name's new owner starts it again
     * with the same starter ({@link ClusterStarters#peeper} resumes from the replicated state); when the server
     * ends while its member lives, it is not started again, unless it gave up because its states could not be
     * acknowledged (then once they can: see {@link ClusterKeepers}).
     *
     * @param name    the cluster-wide name
     * @param starter how to start the server, on whichever member owns the name; it travels there
     * @param timeout how long to wait for the start
     * @return the server's pid, or the pid of the server already registered under {@code name}
     * @throws StartFailedException if the start failed on the owner, or did not finish in time (thrown at the
     *                              timeout even if the owner answers nothing, a frozen member; the start is then
     *                              cancelled, but it may still have started the server: call again to get it)
     * @throws WireException      if the name or the starter (or what it captures) cannot travel to the owner
     */
    public Pid startOnOwner(Object name, ClusterStarter starter, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(starter, "starter");
        Future<Pid> started;
        try {
            started = hazelcast.getExecutorService(START_EXECUTOR)
                    .submitToKeyOwner(new StartOnOwner(name, starter), name);
        } catch (HazelcastSerializationException e) {
            throw WireException.of(WireException.Kind.STARTER, starter, e);
        }
        try {
            return started.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new StartFailedException("starting " + name + " on the member that owns it failed: "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            cancelWithoutWaiting(started, name);
            throw new StartFailedException("starting " + name + " on the member that owns it did not finish within "
                    + timeout + "; it was cancelled, but may still start the server: startOnOwner again answers the "
                    + "server if it did", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailedException("interrupted while starting " + name, e);
        }
    }

    /**
     * Cancels a start that timed out, on a thread of its own: Hazelcast's cancel of a task bound to a member is a
     * remote operation it waits for, retried for seconds (50 tries, 250 ms apart) and for as long as the engine waits
     * on a member that answers nothing (a frozen one), and it throws the engine's exception when the member is gone.
     * The caller of a start that timed out must hear {@link StartFailedException} at its timeout, not seconds later,
     * nor another exception.
     */
    private static void cancelWithoutWaiting(Future<Pid> start, Object name) {
        Thread.ofVirtual().name("peeper-cancel-start").start(() -> {
            try {
                start.cancel(true);
            } catch (RuntimeException e) { // the owner left or cannot be reached: there is nothing left to cancel
                LoggerFactory.getLogger(PeeperCluster.class).debug("Cancelling the start of {} failed", name, e);
            }
        });
    }

    /** What starts this member's servers and those of dead members it now owns. */
    Failover failover() {
        return failover;
    }

    /** What moves this member's servers when their names' owner changes, and hands them over when it leaves. */
    Handoffs handoffs() {
        return handoffs;
    }

    /** The state slot of each replicated server's current incarnation on this member. */
    LocalSlots slots() {
        return slots;
    }

    /** What this member does after a split healed: see {@link Conflicts}. */
    Conflicts conflicts() {
        return conflicts;
    }

    /** Closed while this member is merged into another cluster after a split: see {@link MergeBarrier}. */
    MergeBarrier mergeBarrier() {
        return mergeBarrier;
    }

    /** Whether this member may acknowledge replicated states now. */
    Quorum quorum() {
        return quorum;
    }

    /** This member's transport: for tests. */
    NodeTransport transport() {
        return transport;
    }

    /** The Peeper side of {@code hazelcast}, a member of this JVM. */
    static PeeperCluster of(HazelcastInstance hazelcast) {
        PeeperCluster cluster = RUNNING.get(hazelcast.getName());
        if (cluster == null) {
            throw new IllegalStateException("the member " + hazelcast.getName() + " runs no Peeper cluster: "
                    + "start it with PeeperCluster.start or adopt it with PeeperCluster.adopt");
        }
        return cluster;
    }

    /** {@return the Hazelcast member underneath, for what Peeper does not wrap} */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /**
     * Whether {@code pid} is a process of this member.
     *
     * @param pid any pid
     * @return {@code true} if this member runs it
     */
    public boolean isHere(Pid pid) {
        return nodeOf(pid) == node;
    }

    /**
     * The node of the member that runs {@code pid}, as {@link #node()} and {@link #nodes()} number them: to say
     * where a server runs (a local pid gives this member's node, or the node of whichever member's thread spawned
     * it when several members share one JVM).
     *
     * @param pid any pid
     * @return the node number of the member running it
     */
    public long nodeOf(Pid pid) {
        return RemoteNodes.nodeOf(Objects.requireNonNull(pid, "pid"));
    }

    /**
     * Runs {@code body} on the calling thread as this member: the processes it spawns are this member's. Only
     * needed when several members run in one JVM (tests, demos).
     *
     * @param <T>  what {@code body} returns
     * @param body what to run
     * @return what {@code body} returned
     */
    public <T> T callAs(Supplier<T> body) {
        return RemoteNodes.callAs(node, body);
    }

    /**
     * {@link #callAs(Supplier)} for code without a result.
     *
     * @param body what to run
     */
    public void runAs(Runnable body) {
        Objects.requireNonNull(body, "body");
        callAs(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Leaves the cluster gracefully: first hands each server {@link #startOnOwner} started here over to another
     * member, asking its {@code handoff} (a stay counts as a resume with the current state; see
     * {@link dev.peeper.server.Handoff}), for at most {@link #HANDOFF_TIMEOUT} in all; then processes elsewhere
     * watching or linked to this member's processes are told {@code noconnection}, its names are freed, and the
     * member shuts down gracefully if this started it. A server not handed over in time is started again elsewhere
     * from its replicated state, as after a crash. Calls by name made meanwhile wait for the server's next holder
     * within their timeout, and what was queued in a server's mailbox is passed on to it.
     */
    @Override
    public void close() {
        if (!closed.get()) {
            int left = handoffs.handOverAll(HANDOFF_TIMEOUT);
            if (left > 0) {
                org.slf4j.LoggerFactory.getLogger(PeeperCluster.class).warn("{} of this member's servers were not "
                        + "handed over within {}; the others start them again from their replicated states", left,
                        HANDOFF_TIMEOUT);
            }
        }
        leave();
        if (ownsInstance) {
            hazelcast.shutdown(); // its end ends the processes hosted here (endHostedProcesses)
        } else {
            stopListening(); // the member the user adopted runs on: so do the processes
        }
    }

    /**
     * The member's engine is down (terminated, shut down, or closed): every process hosted here that holds a
     * cluster name is killed, as a node's processes die with it. Their names were freed, and their servers are
     * started again elsewhere from their replicated states, by the other members; left running here they would be
     * stale duplicates. Their keepers and names can no longer be written, so ending them changes nothing in the
     * cluster.
     */
    private void endHostedProcesses() {
        stopListening();
        hosted.endAll();
    }

    private void stopListening() {
        try {
            hazelcast.getLifecycleService().removeLifecycleListener(lifecycleListener);
        } catch (RuntimeException e) {
            // shut down already
        }
    }

    /** The processes of this member that hold cluster names now: for tests, which wait for their end. */
    List<Pid> hosted() {
        return hosted.all();
    }

    private void leave() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // what starts servers and moves them first: a start after the transport was gone could not route its pid
        handoffs.close();
        conflicts.close();
        guard.close();
        failover.close();
        RemoteNodes.uninstall(transport);
        RUNNING.remove(hazelcast.getName(), this);
        names.close();
        quorum.close();
        members.close();
        transport.close();
    }

    @Override
    public String toString() {
        return "PeeperCluster[node " + node + ", " + hazelcast.getCluster().getLocalMember().getAddress() + "]";
    }
}
