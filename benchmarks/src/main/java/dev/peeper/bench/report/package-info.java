/**
 * Benchmarks (not published): the command that runs everything and writes {@code benchmarks/REPORT.md}, its chart
 * and the README's table.
 */
package dev.peeper.bench.report;
