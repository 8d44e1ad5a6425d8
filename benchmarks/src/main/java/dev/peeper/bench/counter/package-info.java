/** Benchmarks (not published): the counter every target serves, annotated and written by hand. */
package dev.peeper.bench.counter;
