package dev.peeper.cluster;

import dev.peeper.keeper.KeeperFactory;

/**
 * Synchronous replicated keepers on the first member of a fresh two-member test cluster (so each partition has a
 * backup on the other, and a keeper may acknowledge), driven by hand as a server's keeper would be: what the
 * keeper tests share.
 *
 * <pre>{@code
 * SynchronousKeepers keepers = SynchronousKeepers.onTwoMembers(cluster);
 * ReplicatedKeeper first = keepers.of("orders");   // a server of that name, its first incarnation
 * first.keep(7);
 * first.beforeReply();                             // acknowledged: on the owner and its backup
 * assertThat(keepers.stored("orders").state()).isEqualTo(7);
 * }</pre>
 */
final class SynchronousKeepers {
    private final PeeperCluster member;
    private final KeeperFactory factory;

    private SynchronousKeepers(PeeperCluster member) {
        this.member = member;
        this.factory = ClusterKeepers.synchronous(member);
    }

    /** Starts two members of {@code cluster}, and the keepers of the first. */
    static SynchronousKeepers onTwoMembers(TestCluster cluster) {
        return new SynchronousKeepers(cluster.start(2).get(0));
    }

    /** The member whose keepers these are. */
    PeeperCluster member() {
        return member;
    }

    /** The keepers, for {@code PeeperOptions.withKeeper}. */
    KeeperFactory factory() {
        return factory;
    }

    /** The keeper of a new incarnation of the server named {@code name}: what its start would make. */
    ReplicatedKeeper of(String name) {
        return (ReplicatedKeeper) factory.create(member.name(name));
    }

    /** What the states map holds for {@code name} now, read on the member; {@code null} if nothing. */
    KeptState stored(String name) {
        return member.hazelcast().<Object, KeptState>getMap(ClusterKeepers.MAP).get(name);
    }
}
