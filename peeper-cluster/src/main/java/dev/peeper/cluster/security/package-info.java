/**
 * Internal to {@code dev.peeper.cluster} (not exported): the cryptography behind a cluster secret. {@link
 * dev.peeper.cluster.security.ClusterKeys} derives the keys from the secret and the cluster's name, {@link
 * dev.peeper.cluster.security.Sealer} seals and opens payloads with AES-256-GCM, {@link
 * dev.peeper.cluster.security.ReplayWindow} refuses a sealed message seen before, and {@link
 * dev.peeper.cluster.security.RefusalLog} says why something was refused without flooding the log. Users configure
 * all of it through {@code dev.peeper.cluster.ClusterSecurity}; docs/SECURITY.md has the threat model.
 */
package dev.peeper.cluster.security;
