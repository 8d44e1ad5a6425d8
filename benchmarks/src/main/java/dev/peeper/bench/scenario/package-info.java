/** Benchmarks (not published): scenario runs that JMH does not fit (crash recovery, lost updates, scale, ring). */
package dev.peeper.bench.scenario;
