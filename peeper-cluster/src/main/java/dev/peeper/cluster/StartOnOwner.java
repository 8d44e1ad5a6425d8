package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.peeper.process.Pid;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The task {@link PeeperCluster#startOnOwner} sends to the member that owns a name: starts the server there unless
 * the name is registered already, and answers the pid holding the name either way (two starts of one name, from
 * anywhere, give one server). Written by {@link StarterSerializers.OfStart}, its starter sealed.
 */
final class StartOnOwner implements Callable<Pid>, HazelcastInstanceAware, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Object name;
    private final ClusterStarter starter;
    private transient HazelcastInstance hazelcast;

    StartOnOwner(Object name, ClusterStarter starter) {
        this.name = name;
        this.starter = starter;
    }

    Object name() {
        return name;
    }

    ClusterStarter starter() {
        return starter;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public Pid call() {
        return PeeperCluster.of(hazelcast).failover().start(name, starter);
    }
}
