/**
 * The README's cluster demo: {@link dev.peeper.samples.cluster.ClusterDemo} starts three
 * {@link dev.peeper.samples.cluster.ClusterMember} JVMs, runs the sample counter on one of them, kills that one and
 * finds the count on a survivor.
 */
package dev.peeper.samples.cluster;
