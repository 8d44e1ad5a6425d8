package dev.peeper.cluster;

import com.hazelcast.map.IMap;
import dev.peeper.keeper.KeeperFactory;
import dev.peeper.registry.ProcessName;

/**
 * Keeper strategies that keep a named Peeper server's state in the cluster, so it outlives the member it runs
 * on. Each needs a named server (the name is the state's key and shares its partition with the name's
 * registration).
 *
 * <pre>{@code
 * Peeper.start(Counter::new, 0, PeeperOptions.defaults().withName(cluster.name("hits"))
 *         .withKeeper(ClusterKeepers.synchronous(cluster)));
 * }</pre>
 */
public final class ClusterKeepers {
    /** The map that holds the states: name to {@code KeptState}, one synchronous backup. */
    public static final String MAP = "peeper.states";

    private ClusterKeepers() {
    }

    /**
     * Synchronous replication: each completed state is on the name's partition owner and its backup before the
     * worker takes its next message (so before a call's reply is released), and a newer incarnation of the name
     * fences older ones off. Costs one engine round trip per handled message.
     *
     * @param cluster the member whose engine holds the states
     * @return the keepers, for {@code PeeperOptions.withKeeper}
     */
    public static KeeperFactory synchronous(PeeperCluster cluster) {
        IMap<Object, KeptState> states = cluster.hazelcast().getMap(MAP);
        return name -> new ReplicatedKeeper(states, keyOf(name));
    }

    private static Object keyOf(ProcessName name) {
        if (name == null) {
            throw new IllegalArgumentException("a replicated keeper keeps a named server's state under its name: "
                    + "start the server with a name (PeeperOptions.named(cluster.name(...)))");
        }
        return name.name();
    }
}
