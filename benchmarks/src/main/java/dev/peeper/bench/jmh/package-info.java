/**
 * Benchmarks (not published): the JMH benchmarks of call and cast across the targets, and the diagnostics behind
 * the report's "why" section.
 */
package dev.peeper.bench.jmh;
