/**
 * Internal to {@code dev.peeper.cluster} (not exported): how one member's processes reach another's. {@link
 * dev.peeper.cluster.transport.NodeTransport} is the runtime's {@code Transport} across the cluster: every send,
 * call, monitor, link and probe to another node travels as a {@link dev.peeper.cluster.transport.Wire} record, in a
 * {@link dev.peeper.cluster.transport.TransportFrame} framed by the member's {@code MemberSecurity}, on the receiving
 * node's own topic ({@code NodeOutbox} sends, {@code FrameGate} checks what arrives). {@link
 * dev.peeper.cluster.transport.Members} is who is in the cluster by node number, and with a secret who has proven
 * it knows it ({@code JoinChallenges}). {@link dev.peeper.cluster.transport.WireSerializer}, {@code
 * ControlSerializer}, {@code WireReasons} and {@link dev.peeper.cluster.transport.PidSerializer} are the wire
 * format.
 *
 * <p>{@code PeeperCluster} makes the transport and the membership, hands it the {@code ApiAccess} of the root package
 * (for the exceptions it throws), and {@code HazelcastSettings} registers the serializers; the failover, the names
 * and the quorum of the root package read {@code Members}. This package depends on the root package only for its
 * public types ({@code WireException}, {@code RemoteException}), and on {@code dev.peeper.cluster.security}.
 */
package dev.peeper.cluster.transport;
