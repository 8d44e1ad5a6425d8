/**
 * Process names. {@link dev.peeper.registry.Registry} is the local registry (a name is freed the moment its
 * process ends); {@link dev.peeper.registry.ProcessName} is a name in some registry, as OTP's {@code {local, _}}
 * and {@code {via, Module, _}}.
 *
 * <p>Who the types are for:
 * <ul>
 *   <li><b>User API</b>: {@code Registry}, {@code ProcessName}, {@code NameTakenException}.</li>
 *   <li><b>SPI, for other registries</b> (a cluster-wide one, say): {@code NameRegistry}, which
 *       the local registry implements too (internally, in {@code dev.peeper.registry.internal}, which the module
 *       does not export).</li>
 * </ul>
 */
package dev.peeper.registry;
