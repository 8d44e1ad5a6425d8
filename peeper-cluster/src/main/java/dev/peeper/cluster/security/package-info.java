/**
 * Internal to {@code dev.peeper.cluster} (not exported): the cryptography behind a cluster secret. {@link
 * dev.peeper.cluster.security.ClusterKeys} derives the keys from the secret and the cluster's name, {@link
 * dev.peeper.cluster.security.Sealer} seals and opens payloads with AES-256-GCM, {@link
 * dev.peeper.cluster.security.ReplayWindow} refuses a sealed message seen before, and {@link
 * dev.peeper.cluster.security.RefusalLog} says why something was refused without flooding the log. Users configure
 * all of it through {@code dev.peeper.cluster.ClusterSecurity}; docs/SECURITY.md has the threat model.
 *
 * <p>{@link dev.peeper.cluster.security.MemberSecurity} is one member's settings at work: it frames every payload
 * Peeper puts on the wire or in a map (sealed with a secret), enforces the size limit and the deserialization
 * allow-list. The transport ({@code dev.peeper.cluster.transport}) and the serializers of kept states and starters
 * in {@code dev.peeper.cluster} use it; it reads the settings' secret and allow-list through the root package's
 * {@code ApiAccess}.
 */
package dev.peeper.cluster.security;
