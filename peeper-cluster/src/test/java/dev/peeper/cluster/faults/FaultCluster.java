package dev.peeper.cluster.faults;

import dev.peeper.testkit.LoopbackPorts;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fault suite's cluster: one {@link FaultMember} JVM per slot on 127.0.0.1, a cluster name of its own, a port
 * per slot, the explicit member list of every slot's port. A slot's JVM can be killed and replaced by a fresh one
 * (a new label, so its operation ids stay unique). Every wait is bounded.
 */
final class FaultCluster implements AutoCloseable {
    /** A cold JVM on a loaded machine takes seconds to join. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    final String name = "peeper-faults-" + UUID.randomUUID();
    final SuiteMode mode;
    final List<String> names;
    private final List<Integer> ports;
    private final List<MemberJvm> slots = new ArrayList<>();
    private final List<MemberJvm> everStarted = new ArrayList<>();
    private final Map<Integer, Integer> starts = new HashMap<>();
    private final File logs;
    private final History history;

    FaultCluster(int size, SuiteMode mode, File logs, History history) throws IOException {
        this.mode = mode;
        this.names = mode.names;
        this.ports = LoopbackPorts.reserve(size);
        this.logs = logs;
        this.history = history;
        logs.mkdirs();
        for (int slot = 0; slot < size; slot++) {
            slots.add(launch(slot));
        }
        for (MemberJvm member : slots) {
            awaitReady(member);
        }
    }

    List<MemberJvm> members() {
        return List.copyOf(slots);
    }

    List<MemberJvm> everStarted() {
        return List.copyOf(everStarted);
    }

    int size() {
        return slots.size();
    }

    private MemberJvm launch(int slot) throws IOException {
        int start = starts.merge(slot, 1, Integer::sum) - 1;
        String label = "m" + slot + "." + start;
        MemberJvm member = MemberJvm.start(slot, label, mode, name, ports.get(slot),
                ports.stream().map(port -> "127.0.0.1:" + port).toList(), new File(logs, label + ".log"), history);
        everStarted.add(member);
        return member;
    }

    private void awaitReady(MemberJvm member) throws IOException {
        try {
            member.awaitReady(JOIN_TIMEOUT);
        } catch (Exception e) {
            throw new AssertionError(member + " did not join within " + JOIN_TIMEOUT + "; see "
                    + new File(logs, member.label + ".log"), e);
        }
        history.nemesis("joined", member);
    }

    /** Starts a fresh JVM in the slot of {@code dead} (killed already), waits until it has joined, and returns it. */
    MemberJvm replace(MemberJvm dead) throws IOException {
        MemberJvm fresh = launch(dead.slot);
        slots.set(dead.slot, fresh);
        awaitReady(fresh);
        return fresh;
    }

    /**
     * Each member's {@code HEALTH} answer, asked of all at once; a member that does not answer within
     * {@link #ANSWER_TIMEOUT} fails the test (they are all running when this is asked).
     */
    List<String> health() throws IOException, InterruptedException {
        String command = "HEALTH " + String.join(" ", names);
        for (MemberJvm member : slots) {
            member.send(command);
        }
        List<String> answers = new ArrayList<>();
        for (MemberJvm member : slots) {
            answers.add(member.label + " " + member.awaitAnswer("HEALTH", ANSWER_TIMEOUT));
        }
        return answers;
    }

    /** SIGKILLs every JVM still alive. */
    @Override
    public void close() throws InterruptedException {
        for (MemberJvm member : everStarted) {
            if (member.isAlive()) {
                member.kill();
            }
        }
    }
}
