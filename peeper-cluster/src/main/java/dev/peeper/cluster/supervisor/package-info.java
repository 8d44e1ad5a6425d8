/**
 * A cluster dynamic supervisor (swarm_dynamic_supervisor's job), for applications:
 * {@link dev.peeper.cluster.supervisor.ClusterSupervisor} starts children by cluster-wide name on the member owning
 * the name (one per name), lists them cluster-wide and terminates them by name, from any member;
 * {@link dev.peeper.cluster.supervisor.ClusterChildSpec} says what a child is. The package-private records are what
 * the supervisor keeps in the cluster's children map.
 */
package dev.peeper.cluster.supervisor;
