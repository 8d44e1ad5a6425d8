package dev.peeper.cluster.transport;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.peeper.cluster.WireException;
import dev.peeper.cluster.internal.ApiAccess;
import dev.peeper.cluster.security.MemberSecurity;
import dev.peeper.cluster.security.RefusedException.Reason;
import dev.peeper.process.Down;
import dev.peeper.process.ExitReason;
import dev.peeper.process.MonitorRef;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.AwaitsDelivery;
import dev.peeper.process.internal.RemoteNodes;
import dev.peeper.process.internal.Transport;
import dev.peeper.server.CallFailedException;
import dev.peeper.server.From;
import dev.peeper.server.ServerExitException;
import dev.peeper.server.internal.RemoteEnvelopes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member's {@link Transport}: everything a process here does to a process of another node travels as a
 * {@link Wire} record on the receiving node's own Hazelcast topic ({@code peeper.node.<node>}), which only that
 * node listens to. A topic keeps the messages from one member in order, so the messages of one sender to one
 * process arrive in the order sent, and a monitor's {@link Down} after everything the watched process sent
 * before it ended (both leave from its thread).
 *
 * <p>What waits for an answer (calls, monitors, links, probes) is kept here by the node it waits on; when that
 * node {@linkplain #nodeLeft leaves}, each is told {@code noconnection} at once. Listener callbacks run on
 * Hazelcast's event threads and only hand things to mailboxes and futures: they never block.
 *
 * <p>What travels is a {@link TransportFrame} framed by {@link MemberSecurity}: with a cluster secret it is sealed
 * (AES-GCM). {@link NodeOutbox} frames and publishes what this node sends; {@link FrameGate} checks every frame
 * that arrives (authentication, address, replay, sender admitted, size) before anything in it is deserialized. The
 * frames of the join challenge ({@link JoinChallenges}) are the only ones accepted from a node not admitted, and
 * carry only a nonce.
 *
 * <p>Internal to the cluster module (its package is not exported): public because {@code PeeperCluster} makes it and
 * hands it to the runtime.
 */
public final class NodeTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(NodeTransport.class);
    /**
     * How long {@link #isAlive} waits for the pid's member to answer: a live member answers in well under a
     * millisecond on a LAN, so a member that takes longer is frozen, overloaded or leaving.
     */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final HazelcastInstance hazelcast;
    private final long node;
    private final Members members;
    private final Connections connections;
    private final MemberSecurity security;
    private final ApiAccess api;
    private final SerializationService serialization;
    private final NodeOutbox outbox;
    private final FrameGate gate;
    private final AtomicLong ids = new AtomicLong();
    private final JoinChallenges challenges;
    private final UUID listener;

    /** Calls made from here to servers elsewhere, by id. */
    private final Map<Long, PendingCall> calls = new ConcurrentHashMap<>();
    /** Monitors (and exit waits) set from here on processes elsewhere, by id and by ref. */
    private final Map<Long, Watching> watching = new ConcurrentHashMap<>();
    private final Map<MonitorRef, Long> watchingByRef = new ConcurrentHashMap<>();
    /** Monitors other nodes hold on processes here. */
    private final Map<Watcher, Pid> watched = new ConcurrentHashMap<>();
    /** Links between a process here and one elsewhere, recorded on both nodes. */
    private final Set<LinkKey> links = ConcurrentHashMap.newKeySet();
    /** Local processes whose end already tells their remote links. */
    private final Set<Pid> linkHooks = ConcurrentHashMap.newKeySet();
    /** Local processes whose end already removes the monitors they hold on processes elsewhere. */
    private final Set<Pid> watcherHooks = ConcurrentHashMap.newKeySet();
    private final Map<Long, CompletableFuture<Boolean>> probes = new ConcurrentHashMap<>();
    /** Set as the member leaves: from then on it answers nothing (a late answer would contradict noconnection). */
    private volatile boolean closed;

    private record PendingCall(Object call, Pid server, long node) {
    }

    private record Watching(MonitorRef ref, Pid watcher, Pid target, long node, CompletableFuture<ExitReason> exit) {
    }

    private record Watcher(long node, long id) {
    }

    private record LinkKey(Pid local, Pid remote) {
    }

    public NodeTransport(HazelcastInstance hazelcast, long node, Members members, MemberSecurity security,
            ApiAccess api) {
        this.hazelcast = hazelcast;
        this.node = node;
        this.members = members;
        this.connections = new Connections(hazelcast);
        this.security = security;
        this.api = api;
        this.serialization = ((SerializationServiceSupport) hazelcast).getSerializationService();
        this.outbox = new NodeOutbox(hazelcast, node, members, security, api);
        this.gate = new FrameGate(node, members, security, api, this::tooLarge);
        ITopic<byte[]> inbox = hazelcast.getTopic(topic(node));
        this.listener = inbox.addMessageListener(this::received);
        // after the listener: a challenged member answers on this topic
        this.challenges = security.sealed() ? new JoinChallenges(members, node, (target, kind, nonce) -> {
            if (!closed) {
                outbox.sendUnproven(target, kind, nonce);
            }
        }) : null;
    }

    public static String topic(long node) {
        return "peeper.node." + node;
    }

    /** Stops listening; whoever waits on another node is told {@code noconnection}. */
    public void close() {
        closed = true;
        if (challenges != null) {
            challenges.close();
        }
        try {
            hazelcast.<byte[]>getTopic(topic(node)).removeMessageListener(listener);
        } catch (RuntimeException e) {
            log.debug("Could not remove the listener of node {} (its member is gone)", node, e);
        }
        calls.values().forEach(call -> ((AwaitsDelivery) call.call).undelivered(call.server, WireReasons.NOCONNECTION));
        calls.clear();
        watching.keySet().forEach(id -> fire(id, WireReasons.NOCONNECTION));
        links.forEach(link -> unlinked(link, link.remote(), WireReasons.NOCONNECTION));
        probes.values().forEach(probe -> probe.complete(false));
    }

    @Override
    public long localNode() {
        return node;
    }

    // ---- the sending side ----

    @Override
    public void send(Pid to, Object message) {
        if (RemoteEnvelopes.isCall(message)) {
            call(to, message);
            return;
        }
        Object cast = RemoteEnvelopes.castRequest(message);
        Wire wire = cast != null ? new Wire.CastTo(to, cast) : new Wire.Send(to, message);
        if (!outbox.publish(RemoteNodes.nodeOf(to), wire, cast != null ? cast : message)) {
            if (message instanceof AwaitsDelivery waiting) {
                waiting.undelivered(to, WireReasons.NOCONNECTION);
            }
        }
    }

    private void call(Pid server, Object call) {
        From<?> from = (From<?>) call;
        Object request;
        try {
            request = RemoteEnvelopes.callRequest(call);
        } catch (UnsupportedOperationException e) {
            from.fail(e);
            return;
        }
        long id = ids.incrementAndGet();
        long target = RemoteNodes.nodeOf(server);
        if (!reachable(target)) { // certainly not sent: a call by name may wait for the name's next holder
            ((AwaitsDelivery) call).unsent(server, WireReasons.NOCONNECTION);
            return;
        }
        calls.put(id, new PendingCall(call, server, target)); // before the send: a leave now finds it
        try {
            if (!outbox.publish(target, new Wire.CallTo(id, node, server, request), request)) {
                calls.remove(id);
                ((AwaitsDelivery) call).unsent(server, WireReasons.NOCONNECTION);
            }
        } catch (WireException unsendable) {
            calls.remove(id);
            from.fail(unsendable);
        }
    }

    @Override
    public void exit(Pid to, Pid from, ExitReason reason) {
        outbox.publish(RemoteNodes.nodeOf(to), new Wire.Exit(to, from, reason, false), reason);
    }

    @Override
    public void link(Pid self, Pid other) {
        LinkKey link = new LinkKey(self, other);
        if (!links.add(link)) {
            return;
        }
        tellLinksOnExit(self);
        if (!outbox.publish(RemoteNodes.nodeOf(other), new Wire.Link(other, self), other)) {
            unlinked(link, other, WireReasons.NOCONNECTION);
        }
    }

    @Override
    public void unlink(Pid self, Pid other) {
        if (links.remove(new LinkKey(self, other))) {
            outbox.publish(RemoteNodes.nodeOf(other), new Wire.Unlink(other, self), other);
        }
    }

    @Override
    public void monitor(MonitorRef ref, Pid watcher) {
        watch(ref, watcher, ref.target(), null);
    }

    @Override
    public boolean demonitor(MonitorRef ref) {
        Long id = watchingByRef.remove(ref);
        if (id == null) {
            return false;
        }
        Watching watch = watching.remove(id);
        if (watch == null) {
            return false; // fired meanwhile
        }
        outbox.publish(watch.node, new Wire.Unwatch(id, node), ref);
        return true;
    }

    /** Completes on a thread of its own, never on Hazelcast's event thread, so its dependents may block. */
    @Override
    public CompletableFuture<ExitReason> whenExited(Pid pid) {
        CompletableFuture<ExitReason> exit = new CompletableFuture<>();
        watch(null, null, pid, exit);
        return exit;
    }

    /**
     * Asks {@code pid}'s member. {@code false} at once when that member is not in the cluster or this member has no
     * connection to it; {@code false} too when it does not answer within {@link #PROBE_TIMEOUT} (frozen, leaving):
     * a process this member cannot reach counts as not alive, as a process of a disconnected node does in Erlang.
     */
    @Override
    public boolean isAlive(Pid pid) {
        long target = RemoteNodes.nodeOf(pid);
        if (!reachable(target)) {
            return false;
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        probes.put(id, answer);
        try {
            if (!outbox.publish(target, new Wire.Probe(id, node, pid), pid)) {
                return false;
            }
            return answer.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("Node {} did not say within {} whether {} is alive: counted as not alive", target,
                    PROBE_TIMEOUT, pid);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a probe future never fails", e);
        } finally {
            probes.remove(id);
        }
    }

    private void watch(MonitorRef ref, Pid watcher, Pid target, CompletableFuture<ExitReason> exit) {
        long id = ids.incrementAndGet();
        long targetNode = RemoteNodes.nodeOf(target);
        watching.put(id, new Watching(ref, watcher, target, targetNode, exit)); // before the send, as for calls
        if (ref != null) {
            watchingByRef.put(ref, id);
            dropMonitorsOnExit(watcher);
        }
        if (!outbox.publish(targetNode, new Wire.Watch(id, node, target), target)) {
            fire(id, WireReasons.NOCONNECTION);
        }
    }

    /** Whether node {@code target} is in the cluster and this member has a live connection to it now. */
    private boolean reachable(long target) {
        Member member = members.member(target);
        return member != null && connections.connected(member);
    }

    // ---- the receiving side (Hazelcast event threads: hand over, never block) ----

    private void received(Message<byte[]> message) {
        if (closed) {
            return;
        }
        TransportFrame frame = gate.admit(message.getMessageObject(), message.getPublishingMember());
        if (frame == null) {
            return; // refused: logged and counted
        }
        if (frame.kind() == TransportFrame.CHALLENGE || frame.kind() == TransportFrame.PROOF) {
            if (challenges != null) {
                if (frame.kind() == TransportFrame.CHALLENGE) {
                    challenges.challenged(frame.sender(), frame.body());
                } else {
                    challenges.proved(frame.sender(), frame.body());
                }
            }
            return;
        }
        Wire wire;
        try {
            wire = serialization.toObject(new HeapData(frame.body()));
        } catch (RuntimeException e) {
            String failure = api.rootCause(e);
            log.error("Node {} could not read a message from node {} at {}; dropped: {}", node, frame.sender(),
                    message.getPublishingMember(),
                    failure.contains("SecurityException") ? MemberSecurity.howToAllow(failure) : failure, e);
            return;
        }
        try {
            handle(wire);
        } catch (RuntimeException e) {
            log.error("Node {} failed to handle {}", node, wire, e);
        }
    }

    /** A call or answer refused for its size still ends its call at once, with the reason. */
    private void tooLarge(TransportFrame frame) {
        String failure = "it is " + frame.body().length + " bytes serialized, " + api.tooLargeMark()
                + " of " + security.maxMessageBytes() + " bytes: raise it on every member with "
                + "ClusterOptions.withMaxMessageBytes, or send less at once";
        if (frame.callId() > 0) {
            outbox.publish(frame.sender(), new Wire.Answer(frame.callId(), null,
                    api.unreadable(WireException.Kind.REQUEST, failure), null), failure);
        } else if (frame.callId() < 0) {
            callEnded(-frame.callId(), new Wire.Unreadable(failure), null, null);
        }
    }

    /** How many frames this node refused for {@code reason}: for tests and monitoring. */
    public long refusals(Reason reason) {
        return gate.refusals(reason);
    }

    private void handle(Wire wire) {
        switch (wire) {
            case Wire.Send send -> RemoteNodes.deliver(send.to(), send.message());
            case Wire.CastTo cast -> RemoteNodes.deliver(cast.to(), RemoteEnvelopes.newCast(cast.request()));
            case Wire.CallTo call -> serve(call);
            case Wire.Answer answer -> callEnded(answer.id(), answer.value(), answer.failure(), answer.ended());
            case Wire.Watch watch -> watched(watch);
            case Wire.Unwatch unwatch -> watched.remove(new Watcher(unwatch.replyNode(), unwatch.id()));
            case Wire.Fired fired -> fire(fired.id(), fired.reason());
            case Wire.Link link -> linked(link);
            case Wire.Unlink unlink -> links.remove(new LinkKey(unlink.target(), unlink.from()));
            case Wire.Exit exit -> exitSignal(exit);
            case Wire.Probe probe -> outbox.publish(probe.replyNode(),
                    new Wire.ProbeAnswer(probe.id(), RemoteNodes.isAlive(probe.target())), probe);
            case Wire.ProbeAnswer answer -> {
                CompletableFuture<Boolean> probe = probes.get(answer.id());
                if (probe != null) {
                    probe.complete(answer.alive());
                }
            }
        }
    }

    /** A call from another node: a local call in its place, whose outcome goes back. */
    private void serve(Wire.CallTo call) {
        if (call.request() instanceof Wire.Unreadable unreadable) { // the server never sees it
            outbox.publish(call.replyNode(), new Wire.Answer(call.id(), null,
                    api.unreadable(WireException.Kind.REQUEST, unreadable.failure()), null), unreadable);
            return;
        }
        CompletableFuture<Object> local = RemoteEnvelopes.newCall(call.request());
        local.whenComplete((value, failure) -> answer(call, value, failure));
        RemoteNodes.deliver(call.to(), local);
    }

    private void answer(Wire.CallTo call, Object value, Throwable failure) {
        Wire.Answer answer;
        if (failure instanceof ServerExitException ended) {
            answer = new Wire.Answer(call.id(), null, null, ended.reason());
        } else if (failure instanceof CallFailedException failed) {
            answer = new Wire.Answer(call.id(), null, failed.getCause(), null);
        } else if (failure != null) {
            answer = new Wire.Answer(call.id(), null, failure, null);
        } else {
            answer = new Wire.Answer(call.id(), value, null, null);
        }
        try {
            outbox.publish(call.replyNode(), answer, value);
        } catch (WireException unsendable) { // the caller hears why; the server, which replied, is not harmed
            outbox.publish(call.replyNode(), new Wire.Answer(call.id(), null, unsendable, null), unsendable);
        }
    }

    private void callEnded(long id, Object value, Throwable failure, ExitReason ended) {
        PendingCall pending = calls.remove(id);
        if (pending == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        From<Object> from = (From<Object>) pending.call;
        if (ended != null) {
            ((AwaitsDelivery) pending.call).undelivered(pending.server, ended);
        } else if (failure != null) {
            from.fail(failure);
        } else if (value instanceof Wire.Unreadable unreadable) {
            from.fail(api.unreadable(WireException.Kind.REPLY, unreadable.failure()));
        } else {
            from.reply(value);
        }
    }

    private void watched(Wire.Watch watch) {
        Watcher watcher = new Watcher(watch.replyNode(), watch.id());
        if (!RemoteNodes.isAlive(watch.target())) {
            outbox.publish(watch.replyNode(), new Wire.Fired(watch.id(), watch.target(), ExitReason.noproc()), watch);
            return;
        }
        watched.put(watcher, watch.target());
        RemoteNodes.exitFuture(watch.target()).whenComplete((reason, never) -> {
            if (watched.remove(watcher) != null) { // not demonitored, its node not gone
                outbox.publish(watch.replyNode(), new Wire.Fired(watch.id(), watch.target(), reason), reason);
            }
        });
    }

    private void fire(long id, ExitReason reason) {
        Watching watch = watching.remove(id);
        if (watch == null) {
            return; // demonitored, or already fired
        }
        if (watch.ref != null) {
            watchingByRef.remove(watch.ref);
            RemoteNodes.deliver(watch.watcher, new Down(watch.ref, watch.target, reason));
        } else {
            // off the event thread: what waits on the end may block (the runtime frees a name there, a map write)
            Thread.ofVirtual().name("peeper-exit-" + watch.target).start(() -> watch.exit.complete(reason));
        }
    }

    private void linked(Wire.Link link) {
        if (!RemoteNodes.isAlive(link.target())) {
            outbox.publish(RemoteNodes.nodeOf(link.from()),
                    new Wire.Exit(link.from(), link.target(), ExitReason.noproc(), true), link);
            return;
        }
        links.add(new LinkKey(link.target(), link.from()));
        tellLinksOnExit(link.target());
    }

    private void exitSignal(Wire.Exit exit) {
        if (!exit.viaLink()) {
            RemoteNodes.exitSignal(exit.to(), exit.from(), exit.reason(), false);
        } else {
            unlinked(new LinkKey(exit.to(), exit.from()), exit.from(), exit.reason());
        }
    }

    /** The link ended from the other side: its exit signal reaches the local process, once. */
    private void unlinked(LinkKey link, Pid from, ExitReason reason) {
        if (links.remove(link)) {
            RemoteNodes.exitSignal(link.local(), from, reason, true);
        }
    }

    /** Makes {@code local}'s end send an exit signal to each process elsewhere it is linked to then. */
    private void tellLinksOnExit(Pid local) {
        if (!linkHooks.add(local)) {
            return;
        }
        RemoteNodes.exitFuture(local).whenComplete((reason, never) -> {
            linkHooks.remove(local);
            for (LinkKey link : links) {
                if (link.local().equals(local) && links.remove(link)) {
                    outbox.publish(RemoteNodes.nodeOf(link.remote()),
                            new Wire.Exit(link.remote(), local, reason, true), reason);
                }
            }
        });
    }

    /**
     * Makes {@code watcher}'s end remove the monitors it still holds on processes elsewhere, as a local monitor's
     * watcher does (Erlang too): otherwise each would stay on its target's member until the target ends.
     */
    private void dropMonitorsOnExit(Pid watcher) {
        if (!watcherHooks.add(watcher)) {
            return;
        }
        RemoteNodes.exitFuture(watcher).whenComplete((reason, never) -> {
            watcherHooks.remove(watcher);
            for (Watching watch : watching.values()) {
                if (watch.ref != null && watch.watcher.equals(watcher)) {
                    demonitor(watch.ref);
                }
            }
        });
    }

    /** How many calls from here wait for an answer from another node: for tests. */
    public int pendingCalls() {
        return calls.size();
    }

    /** How many monitors this node holds on processes elsewhere, and how many others hold on its processes. */
    public int[] monitorCounts() {
        return new int[] {watching.size(), watched.size()};
    }

    // ---- membership ----

    /** Node {@code gone} left the cluster: everything waiting on it is told {@code noconnection}. */
    public void nodeLeft(long gone) {
        calls.forEach((id, call) -> {
            if (call.node == gone) {
                callEnded(id, null, null, WireReasons.NOCONNECTION);
            }
        });
        watching.forEach((id, watch) -> {
            if (watch.node == gone) {
                fire(id, WireReasons.NOCONNECTION);
            }
        });
        watched.keySet().removeIf(watcher -> watcher.node == gone);
        gate.forget(gone);
        outbox.forget(gone);
        for (LinkKey link : links) {
            if (RemoteNodes.nodeOf(link.remote()) == gone) {
                unlinked(link, link.remote(), WireReasons.NOCONNECTION);
            }
        }
    }
}
