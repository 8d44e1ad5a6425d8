/**
 * The cluster demos. The README's: {@link dev.peeper.samples.cluster.ClusterDemo} starts three
 * {@link dev.peeper.samples.cluster.ClusterMember} JVMs, runs the sample counter on one of them, kills that one and
 * finds the count on a survivor. {@link dev.peeper.samples.cluster.HandoffDemo} moves
 * {@link dev.peeper.samples.cluster.Visits} counters between members in one JVM.
 * {@link dev.peeper.samples.cluster.HealDemo} freezes one of two {@link dev.peeper.samples.cluster.GuestbookMember}
 * JVMs, lets both sides sign a {@link dev.peeper.samples.cluster.Guestbook}, and shows the heal merge them.
 * {@link dev.peeper.samples.cluster.MemberJvms} and {@link dev.peeper.samples.cluster.MemberConsole} are the two ends
 * of a member JVM driven over its standard streams.
 */
package dev.peeper.samples.cluster;
