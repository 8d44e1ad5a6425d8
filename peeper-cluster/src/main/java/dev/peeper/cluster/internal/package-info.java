/**
 * Helpers shared by the cluster module's packages, not part of its API: {@code module-info} does not export this
 * package, so only {@code dev.peeper.cluster} and its subpackages use it.
 */
package dev.peeper.cluster.internal;
