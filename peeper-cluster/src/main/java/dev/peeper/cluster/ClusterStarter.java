package dev.peeper.cluster;

import dev.peeper.process.Pid;
import dev.peeper.registry.ProcessName;
import java.io.Serializable;

/**
 * Starts one named server on the member it is sent to, for {@link PeeperCluster#startOnOwner}: it travels to the
 * member that owns the name, so it must be serializable (a lambda is, when it captures only serializable values)
 * and its classes must be on every member.
 *
 * <pre>{@code
 * ClusterStarter counter = (here, name) -> Peeper.start(Counter::new, 0, PeeperOptions.defaults()
 *         .withName(name).withKeeper(ClusterKeepers.synchronous(here))).pid();
 * }</pre>
 */
@FunctionalInterface
public interface ClusterStarter extends Serializable {
    /**
     * Starts the server registered under {@code name} on {@code here}, and returns its pid.
     *
     * @param here the member it runs on
     * @param name the cluster-wide name to register the server under
     * @return the started server's pid
     */
    Pid start(PeeperCluster here, ProcessName name);
}
