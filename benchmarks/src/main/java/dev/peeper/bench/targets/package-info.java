/**
 * Benchmarks (not published): the things measured side by side, behind one interface: the floor, a locked object,
 * a plain server, a Peeper server, its typed client, and Pekko.
 */
package dev.peeper.bench.targets;
