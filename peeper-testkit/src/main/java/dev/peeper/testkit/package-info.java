/**
 * What tests, samples and benchmarks share to run Peeper: {@link dev.peeper.testkit.LoopbackPorts}, the ports on
 * 127.0.0.1 that cluster members bind, reserved where none of their outgoing connections can take them first.
 * Every public type here is for users' tests as much as for Peeper's own.
 */
package dev.peeper.testkit;
