/**
 * Internal: the local registry's implementation, {@link dev.peeper.registry.internal.LocalRegistry}, and
 * {@link dev.peeper.registry.internal.NameMoves}, what the runtime itself does with names (a transferred server
 * takes its name along). Applications use {@link dev.peeper.registry.Registry} and
 * {@link dev.peeper.registry.ProcessName}. The module does not export this package.
 */
package dev.peeper.registry.internal;
