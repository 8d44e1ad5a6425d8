/**
 * Helpers shared by the cluster module's packages, not part of its API: {@code module-info} does not export this
 * package, so only {@code dev.peeper.cluster} and its subpackages use it. {@link
 * dev.peeper.cluster.internal.ApiAccess} is how the internal packages reach what the root package's public classes
 * keep package-private; the root package implements it and passes it in.
 */
package dev.peeper.cluster.internal;
