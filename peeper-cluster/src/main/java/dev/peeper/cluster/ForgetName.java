package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.peeper.process.Pid;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Runs on each other member when a name leaves its holder: drops that binding from the member's {@link NameCache}.
 * The name travels only if Java can serialize it (a string, a number, a {@code Serializable} record); otherwise the
 * member forgets every name the pid holds there, which is safe, only slower.
 */
final class ForgetName implements Callable<Boolean>, HazelcastInstanceAware, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Serializable name;
    private final Pid pid;
    private transient HazelcastInstance hazelcast;

    ForgetName(Object name, Pid pid) {
        this.name = name instanceof Serializable serializable ? serializable : null;
        this.pid = pid;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public Boolean call() {
        PeeperCluster.of(hazelcast).names().forgetHere(name, pid);
        return true;
    }
}
