package dev.peeper.cluster.transport;

import com.hazelcast.cluster.Member;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The join-time check of a cluster with a secret: each member sends every member it sees but has not admitted a
 * fresh random nonce, and admits it once it gets the nonce back in a frame sealed with the cluster's key (which
 * only a holder of the secret can make; the replay check refuses an old answer). Until then {@link Members} leaves
 * it out, so nothing is routed to it and nothing from it is accepted. Challenges repeat every
 * {@value #RETRY_MILLIS} ms (a member that has just joined the engine may not listen yet), and a member challenged by
 * one it has not admitted challenges back at once, so two honest members admit each other within a round trip of
 * the later one's start. A member still unproven after {@link #WARN_AFTER} is reported once.
 */
final class JoinChallenges {
    static final long RETRY_MILLIS = 200;
    static final Duration WARN_AFTER = Duration.ofSeconds(5);
    private static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(JoinChallenges.class);

    /** Sends a challenge or proof frame to a node not admitted yet. */
    interface Sender {
        void send(long target, byte kind, byte[] body);
    }

    private final Members members;
    private final long node;
    private final Sender sender;
    private final Map<Long, byte[]> nonces = new ConcurrentHashMap<>();
    private final Map<Long, Long> firstSeen = new ConcurrentHashMap<>();
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("peeper-join-challenges").factory());

    JoinChallenges(Members members, long node, Sender sender) {
        this.members = members;
        this.node = node;
        this.sender = sender;
        ticker.scheduleWithFixedDelay(this::challengeAll, 0, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Node {@code from} challenged this one: answer, and challenge it back if it is not admitted. */
    void challenged(long from, byte[] nonce) {
        sender.send(from, TransportFrame.PROOF, nonce);
        if (members.isUnproven(from)) {
            challenge(from);
        }
    }

    /** Node {@code from} answered a challenge: admitted if the nonce is the one sent it. */
    void proved(long from, byte[] nonce) {
        byte[] sent = nonces.get(from);
        if (sent != null && Arrays.equals(sent, nonce) && nonces.remove(from, sent) && members.admit(from)) {
            firstSeen.remove(from);
            reported.remove(from);
            log.info("Node {} admitted node {}: it proved it knows the cluster secret", node, from);
        }
    }

    void close() {
        ticker.shutdownNow();
    }

    private void challengeAll() {
        try {
            Set<Long> waiting = members.unproven();
            nonces.keySet().retainAll(waiting);
            firstSeen.keySet().retainAll(waiting);
            for (long other : waiting) {
                challenge(other);
                reportIfLate(other);
            }
        } catch (RejectedExecutionException | IllegalStateException e) {
            ticker.shutdown(); // the member is shutting down
        } catch (RuntimeException e) {
            log.warn("Node {} could not challenge the members that joined; next round tries again", node, e);
        }
    }

    private void challenge(long other) {
        byte[] nonce = nonces.computeIfAbsent(other, n -> {
            byte[] fresh = new byte[NONCE_BYTES];
            RANDOM.nextBytes(fresh);
            return fresh;
        });
        firstSeen.putIfAbsent(other, System.nanoTime());
        sender.send(other, TransportFrame.CHALLENGE, nonce);
    }

    private void reportIfLate(long other) {
        Long since = firstSeen.get(other);
        if (since != null && System.nanoTime() - since > WARN_AFTER.toNanos() && reported.add(other)) {
            Member member = members.unprovenMember(other);
            log.warn("Node {} refuses {} (node {}): it has not proven it knows the cluster secret within {}. Peeper "
                    + "sends it nothing and accepts nothing from it; is its secret (ClusterOptions.withSecret) the "
                    + "same as this member's? Note it still holds partitions of the engine's maps (see "
                    + "docs/SECURITY.md)", node, member == null ? "a member" : member.getAddress(), other, WARN_AFTER);
        }
    }
}
