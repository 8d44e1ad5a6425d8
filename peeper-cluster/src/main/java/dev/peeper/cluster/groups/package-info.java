/**
 * Process groups across the cluster (Swarm's groups), for applications: join, leave, members, publish and
 * multi-call through {@link dev.peeper.cluster.groups.ClusterGroups}; a server joined by its cluster name stays in
 * its groups across restarts and failovers. {@link dev.peeper.cluster.groups.GroupReply} is one member's result
 * of a multi-call.
 */
package dev.peeper.cluster.groups;
