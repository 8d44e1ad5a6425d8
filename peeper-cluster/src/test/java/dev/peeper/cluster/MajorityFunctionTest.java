package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import java.lang.reflect.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link MajorityFunction} alone, with members of its own making: what counts as hearing from a member (a heartbeat,
 * its joining, an answer to the lease's confirmation), and that a member list given while it changes does not make
 * it forget a member it heard.
 */
class MajorityFunctionTest {
    private static final long TOLERANCE = Duration.ofSeconds(30).toNanos();

    private final Member self = member(true, 5701);
    private final Member other = member(false, 5702);
    private final Member third = member(false, 5703);
    private final MajorityFunction function = new MajorityFunction(2, TOLERANCE);

    @Test
    void aMemberHeardFromCountsTowardsTheMajorityAndOneNeverHeardFromDoesNot() {
        assertThat(function.majority(List.of(self, other, third))).isFalse();

        function.onHeartbeat(other, 0);

        assertThat(function.majority(List.of(self, other, third))).isTrue();
    }

    @Test
    void aMemberThatJoinedCountsAsHeardBeforeItsFirstHeartbeat() {
        function.onHeartbeat(other, 0);
        assertThat(function.majority(List.of(self, other))).isTrue();

        function.memberAdded(event(third, MembershipEvent.MEMBER_ADDED));

        // the first member leaves (the master, in the case seen) before the new one's first heartbeat arrived
        assertThat(function.majority(List.of(self, third))).isTrue();
    }

    @Test
    void aMemberRemovedNoLongerCounts() {
        function.onHeartbeat(other, 0);

        function.memberRemoved(event(other, MembershipEvent.MEMBER_REMOVED));

        assertThat(function.majority(List.of(self, other))).isFalse();
    }

    @Test
    void anAnswerToTheLeaseConfirmationCountsAsHearingFromTheMember() {
        function.heard(other.getUuid(), System.nanoTime());

        assertThat(function.majority(List.of(self, other, third))).isTrue();
    }

    @Test
    void aMemberHeardLongerAgoThanTheToleranceDoesNotCount() {
        function.heard(other.getUuid(), System.nanoTime() - TOLERANCE - 1);

        assertThat(function.majority(List.of(self, other, third))).isFalse();
        assertThat(function.describe(2, List.of(self, other, third)))
                .containsPattern("127\\.0\\.0\\.1\\]:5702 \\d+ ms ago").contains("127.0.0.1]:5703 never");
    }

    @Test
    void anOlderNewsDoesNotReplaceANewerOne() {
        long now = System.nanoTime();
        function.heard(other.getUuid(), now);
        function.heard(other.getUuid(), now - TOLERANCE - 1); // a confirmation asked before the last heartbeat

        assertThat(function.majority(List.of(self, other))).isTrue();
    }

    @Test
    void aMemberListThatLacksAMemberForAMomentDoesNotMakeItForgetTheMember() {
        function.onHeartbeat(other, 0);

        assertThat(function.majority(List.of(self, third))).isFalse(); // the engine's list, mid-change
        assertThat(function.majority(List.of(self, other, third))).isTrue();
    }

    @Test
    void aMemberThatNeverReachedTheMinimumIsNotHeldToIt() {
        assertThat(function.apply(List.of(self))).isTrue();

        function.onHeartbeat(other, 0);
        assertThat(function.apply(List.of(self, other))).isTrue();

        assertThat(function.apply(List.of(self, third))).isFalse();
    }

    private MembershipEvent event(Member member, int type) {
        Cluster cluster = (Cluster) Proxy.newProxyInstance(Cluster.class.getClassLoader(),
                new Class<?>[] {Cluster.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        return new MembershipEvent(cluster, member, type, Set.of(self, other, third));
    }

    private static Member member(boolean local, int port) {
        UUID uuid = UUID.randomUUID();
        Address address;
        try {
            address = new Address("127.0.0.1", port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return (Member) Proxy.newProxyInstance(Member.class.getClassLoader(), new Class<?>[] {Member.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getUuid" -> uuid;
                    case "localMember" -> local;
                    case "getAddress" -> address;
                    case "toString" -> address.toString();
                    case "hashCode" -> uuid.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
