package dev.peeper.cluster.groups;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.multimap.MultiMap;
import dev.peeper.cluster.ClusterNames;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.groups.GroupReply.Outcome;
import dev.peeper.cluster.internal.IdempotentWrites;
import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.registry.ProcessName;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process groups across the cluster, Swarm's {@code join} / {@code leave} / {@code members} / {@code publish} /
 * {@code multi_call}: any process of any member joins any number of groups (any serializable value names one), and
 * anyone on any member casts to all of a group's members or calls them all and gathers a result per member.
 *
 * <p><b>A named server's groups survive its restarts and failovers</b> (Swarm loses them, its issue #26): join it
 * {@linkplain #join(Object, ProcessName) by its cluster name}, and the membership belongs to the name: whichever
 * process holds the name when the group is used is the member, so a server started again on another member is in
 * its groups at once, with no re-join. A process joined {@linkplain #join(Object, Pid) by pid} is a member until it
 * ends or its member leaves the cluster; a pid of a member that left is never published to, and reported as
 * {@code NOCONNECTION} by a multi-call. The end of a pid is watched by the member that joined it and by every
 * member that uses its group, so it leaves its groups even when the member that joined it has left before it
 * ended (the first use after its end may still see it: a multi-call reports it as {@code NOPROC}).
 *
 * <p>Memberships are kept in two Hazelcast multimaps keyed by group ({@value #NAMES} and {@value #PIDS}, one
 * synchronous backup), so every member sees every group and a member's death loses none.
 *
 * <pre>{@code
 * ClusterGroups groups = ClusterGroups.of(cluster);
 * groups.join("caches", cluster.name("cache-eu"));                   // by name: survives failover
 * groups.join("caches", Proc.self());                                 // by pid: until it ends
 * groups.publish("caches", new Invalidate("user:42"));                // a cast to each
 * List<GroupReply> sizes = groups.multiCall("caches", new Size(), Duration.ofSeconds(1));
 * }</pre>
 */
public final class ClusterGroups {
    /** The multimap of the members joined by cluster name: group to name. */
    public static final String NAMES = "peeper.groups.names";
    /** The multimap of the members joined by pid: group to pid. */
    public static final String PIDS = "peeper.groups.pids";
    private static final Logger log = LoggerFactory.getLogger(ClusterGroups.class);
    private static final ExitReason NOCONNECTION = ExitReason.of("noconnection");
    /** Where memberships of ended processes are removed: off the process's and Hazelcast's threads. */
    private static final Executor CLEANUP = task -> Thread.ofVirtual().name("peeper-groups-cleanup").start(task);
    private static final Map<PeeperCluster, ClusterGroups> RUNNING = new ConcurrentHashMap<>();

    private final PeeperCluster cluster;
    private final MultiMap<Object, Object> names;
    private final MultiMap<Object, Pid> pids;
    private final IMap<Object, Pid> registry;
    /** The memberships by pid whose end this member already watches. */
    private final Set<Membership> watched = ConcurrentHashMap.newKeySet();

    private record Membership(Object group, Pid pid) {
    }

    /** One member of a group as resolved now: its name (if joined by name), its pid (if any) and whether it is reachable. */
    private record Target(Object name, Pid pid, boolean reachable) {
    }

    private ClusterGroups(PeeperCluster cluster) {
        this.cluster = cluster;
        this.names = cluster.hazelcast().getMultiMap(NAMES);
        this.pids = cluster.hazelcast().getMultiMap(PIDS);
        this.registry = cluster.hazelcast().getMap(ClusterNames.MAP);
        cluster.hazelcast().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a new member has no memberships yet
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                CLEANUP.execute(ClusterGroups.this::forgetUnreachablePids);
            }
        });
        cluster.hazelcast().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                RUNNING.remove(cluster, this);
            }
        });
    }

    /**
     * The groups, seen from {@code cluster}: what this member publishes and calls goes out as its processes' would.
     *
     * @param cluster the member to act from
     * @return the groups of {@code cluster}'s cluster
     */
    public static ClusterGroups of(PeeperCluster cluster) {
        Objects.requireNonNull(cluster, "cluster");
        return RUNNING.computeIfAbsent(cluster, ClusterGroups::new);
    }

    /**
     * Adds the process {@code pid}, of any member, to {@code group} until it ends, leaves the group, or its member
     * leaves the cluster. Joining twice changes nothing. To stay in the group across restarts and failovers, join a
     * named server {@linkplain #join(Object, ProcessName) by its name} instead.
     *
     * @param group the group, any serializable value
     * @param pid   the process
     * @throws IllegalArgumentException if {@code pid}'s member is not in the cluster (left, or never was)
     */
    public void join(Object group, Pid pid) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(pid, "pid");
        if (!cluster.nodes().contains(RemoteNodes.nodeOf(pid))) {
            throw new IllegalArgumentException(pid + " cannot join " + group + ": its member is not in this cluster "
                    + "(it left, or the pid is of another cluster)");
        }
        IdempotentWrites.retry(() -> pids.put(group, pid));
        leaveWhenEnded(group, pid);
    }

    /**
     * Adds whichever process holds the cluster name {@code name}, now and later, to {@code group}: the membership
     * survives the server's restarts and its start on another member when its own dies. It lasts until
     * {@link #leave(Object, ProcessName)}; while no process holds the name, the group skips it.
     *
     * @param group the group, any serializable value
     * @param name  a cluster name, {@code cluster.name(...)}; it need not be registered yet
     * @throws IllegalArgumentException if {@code name} is not a cluster name
     */
    public void join(Object group, ProcessName name) {
        Objects.requireNonNull(group, "group");
        Object clusterName = clusterName(name);
        IdempotentWrites.retry(() -> names.put(group, clusterName));
    }

    /**
     * Removes {@code pid}'s membership of {@code group}.
     *
     * @param group the group
     * @param pid   the process joined by pid
     * @return whether it was a member by pid
     */
    public boolean leave(Object group, Pid pid) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(pid, "pid");
        return IdempotentWrites.retry(() -> pids.remove(group, pid));
    }

    /**
     * Removes the membership of {@code group} by the cluster name {@code name}.
     *
     * @param group the group
     * @param name  the cluster name it joined under
     * @return whether it was a member by that name
     */
    public boolean leave(Object group, ProcessName name) {
        Objects.requireNonNull(group, "group");
        Object clusterName = clusterName(name);
        return IdempotentWrites.retry(() -> names.remove(group, clusterName));
    }

    /**
     * The processes in {@code group} now: the holders of its names that are registered, and its pids whose
     * member is in the cluster, each once.
     *
     * @param group the group
     * @return a snapshot, empty for an unknown group
     */
    public List<Pid> members(Object group) {
        Objects.requireNonNull(group, "group");
        Set<Pid> members = new LinkedHashSet<>();
        for (Target target : resolve(group)) {
            if (target.reachable()) {
                members.add(target.pid());
            }
        }
        return List.copyOf(members);
    }

    /** {@return every group with at least one membership, a snapshot} */
    public Set<Object> groups() {
        Set<Object> groups = new HashSet<>(names.keySet());
        groups.addAll(pids.keySet());
        return Set.copyOf(groups);
    }

    /**
     * Casts {@code request} to every member of {@code group} ({@link #members}); each server's {@code handleCast}
     * gets it. Returns without waiting, like a cast.
     *
     * @param group   the group
     * @param request the cast's request; a record or {@link java.io.Serializable} for members elsewhere
     * @return how many members it was cast to
     * @throws IllegalArgumentException if {@code request} cannot be sent to another member (the members before the
     *                                  first remote one may have got it)
     */
    public int publish(Object group, Object request) {
        Objects.requireNonNull(request, "request");
        List<Pid> members = members(group);
        cluster.runAs(() -> members.forEach(pid -> ServerRef.of(pid).cast(request)));
        return members.size();
    }

    /**
     * Calls every member of {@code group} with {@code request} at once and gathers, within {@code timeout}, one
     * result per member: its reply, or why there is none ({@link Outcome}). A pid whose member left the cluster is
     * reported as {@code NOCONNECTION}, a name no process holds now as {@code NOPROC} (without a pid), a member whose
     * member dies while the call is in flight as {@code NOCONNECTION} as soon as the cluster notices. A member that
     * has not replied when {@code timeout} passes is {@code TIMEOUT} (it may still handle the request later).
     *
     * @param group   the group
     * @param request the request each member's {@code handleCall} gets
     * @param timeout how long to wait for all the replies, in total
     * @return a result per member: by name first, then by pid
     */
    public List<GroupReply> multiCall(Object group, Object request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Target> targets = resolve(group);
        List<CompletableFuture<Object>> calls = new ArrayList<>(targets.size());
        for (Target target : targets) {
            calls.add(target.reachable() ? callAsync(target.pid(), request) : null);
        }
        List<GroupReply> replies = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            if (target.pid() == null) {
                replies.add(new GroupReply(target.name(), null, Outcome.NOPROC, null, null));
            } else if (!target.reachable()) {
                replies.add(new GroupReply(target.name(), target.pid(), Outcome.NOCONNECTION, null,
                        new ServerExitException(target.pid(), NOCONNECTION)));
            } else {
                replies.add(await(target, calls.get(i), deadline));
            }
        }
        return replies;
    }

    private CompletableFuture<Object> callAsync(Pid pid, Object request) {
        try {
            return cluster.callAs(() -> ServerRef.of(pid).callAsync(request));
        } catch (RuntimeException e) { // e.g. the caller is that very server, which could never answer itself
            return CompletableFuture.failedFuture(new CallFailedException(e));
        }
    }

    private static GroupReply await(Target target, CompletableFuture<Object> call, long deadline) {
        try {
            Object reply = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new GroupReply(target.name(), target.pid(), Outcome.REPLY, reply, null);
        } catch (TimeoutException e) {
            return new GroupReply(target.name(), target.pid(), Outcome.TIMEOUT, null, null);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : e.getCause();
            return failed(target, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GroupReply(target.name(), target.pid(), Outcome.TIMEOUT, null, e);
        }
    }

    private static GroupReply failed(Target target, Throwable failure) {
        if (failure instanceof ServerExitException exit) {
            Outcome outcome = exit.reason() instanceof ExitReason.NoProc ? Outcome.NOPROC
                    : NOCONNECTION.equals(exit.reason()) ? Outcome.NOCONNECTION : Outcome.EXITED;
            return new GroupReply(target.name(), target.pid(), outcome, null, exit);
        }
        Throwable cause = failure instanceof CallFailedException failed && failed.getCause() != null
                ? failed.getCause() : failure;
        return new GroupReply(target.name(), target.pid(), Outcome.FAILED, null, cause);
    }

    /** The group's members as they resolve now: names to their holders (one batched read), pids as they are. */
    private List<Target> resolve(Object group) {
        Objects.requireNonNull(group, "group");
        Set<Long> nodes = cluster.nodes();
        List<Target> targets = new ArrayList<>();
        Set<Object> joinedNames = new LinkedHashSet<>(names.get(group));
        Map<Object, Pid> holders = joinedNames.isEmpty() ? Map.of() : registry.getAll(joinedNames);
        for (Object name : joinedNames) {
            Pid holder = holders.get(name);
            boolean reachable = holder != null && nodes.contains(RemoteNodes.nodeOf(holder));
            targets.add(new Target(name, reachable ? holder : null, reachable));
        }
        for (Pid pid : pids.get(group)) {
            boolean reachable = nodes.contains(RemoteNodes.nodeOf(pid));
            if (reachable) {
                leaveWhenEnded(group, pid); // the member that joined it, and watched its end, may have left since
            } else {
                CLEANUP.execute(() -> forget(group, pid)); // its member left; the clean-up on leave may have missed it
            }
            targets.add(new Target(null, pid, reachable));
        }
        return targets;
    }

    /**
     * Makes {@code pid}'s end remove it from {@code group}; watched once per membership from this member, again after
     * a watch ended with {@code noconnection}.
     */
    private void leaveWhenEnded(Object group, Pid pid) {
        Membership membership = new Membership(group, pid);
        if (!watched.add(membership)) {
            return;
        }
        cluster.callAs(() -> Proc.whenExited(pid)).whenCompleteAsync((reason, never) -> {
            watched.remove(membership);
            // noconnection is no end: this member, or the pid's, left; the survivors drop a gone member's pids
            if (!NOCONNECTION.equals(reason)) {
                forget(group, pid);
            }
        }, CLEANUP);
    }

    /** Removes the membership by pid, unless this member has left (it would then hear of every pid as ended). */
    private void forget(Object group, Pid pid) {
        if (!cluster.nodes().contains(cluster.node())) {
            return;
        }
        try {
            IdempotentWrites.retry(() -> pids.remove(group, pid));
        } catch (HazelcastInstanceNotActiveException e) {
            log.debug("This member shut down before it removed {} from group {}", pid, group, e);
        } catch (RuntimeException e) {
            log.warn("Could not remove {} from group {}; it is skipped while its member is gone", pid, group, e);
        }
    }

    /** A member left: removes the memberships, on the partitions this member owns, of pids of members gone. */
    private void forgetUnreachablePids() {
        try {
            Set<Long> nodes = cluster.nodes();
            for (Object group : pids.localKeySet()) {
                for (Pid pid : pids.get(group)) {
                    if (!nodes.contains(RemoteNodes.nodeOf(pid))) {
                        forget(group, pid);
                    }
                }
            }
        } catch (HazelcastInstanceNotActiveException e) {
            log.debug("This member shut down before it cleaned the groups", e);
        } catch (RuntimeException e) {
            log.warn("Could not clean the groups of a member that left; they are skipped when used", e);
        }
    }

    private Object clusterName(ProcessName name) {
        Objects.requireNonNull(name, "name");
        if (!(name.registry() instanceof ClusterNames)) {
            throw new IllegalArgumentException(name + " is not a cluster name, so other members cannot resolve it: "
                    + "join by cluster.name(" + name.name() + ")");
        }
        return name.name();
    }

    @Override
    public String toString() {
        return "ClusterGroups[" + cluster + "]";
    }
}
