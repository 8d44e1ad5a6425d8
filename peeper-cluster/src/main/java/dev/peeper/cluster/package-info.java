/**
 * Peeper across JVMs, on embedded Hazelcast: {@link dev.peeper.cluster.PeeperCluster} joins a cluster (or adopts a
 * Hazelcast member), after which processes on different members send, call, cast, monitor and link to each other
 * by pid exactly as locally; {@link dev.peeper.cluster.ClusterNames} gives cluster-wide names through the runtime's
 * {@code NameRegistry}; {@link dev.peeper.cluster.ClusterKeepers} keeps a named Peeper server's state on a backup
 * member; {@link dev.peeper.cluster.PeeperCluster#startOnOwner} starts a named server on the member owning its name,
 * and starts it again on the name's new owner when its member dies ({@link dev.peeper.cluster.ClusterStarters#peeper}
 * resumes from the replicated state).
 *
 * <p>For applications: {@code PeeperCluster}, {@code ClusterOptions}, {@code ClusterNames}, {@code ClusterKeepers},
 * {@code ClusterStarter}, {@code ClusterStarters}, {@code ClusterSecurity} and the exceptions; everything
 * package-private here is how they work. The transport between members, its wire format and the membership are in
 * the internal (not exported) package {@code dev.peeper.cluster.transport}; the cryptography of a cluster secret and
 * the framing of every payload with it in the internal package {@code dev.peeper.cluster.security}.
 *
 * <p>Groups are in {@code dev.peeper.cluster.groups}, the cluster dynamic supervisor in
 * {@code dev.peeper.cluster.supervisor}.
 *
 * <p>Not yet (see the cluster issue): handoff, split-brain protection and a lease against paused members,
 * asynchronous and group-committed replication, and the processor's cluster starters.
 */
package dev.peeper.cluster;
