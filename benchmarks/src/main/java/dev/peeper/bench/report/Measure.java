package dev.peeper.bench.report;

/**
 * One JMH result: score ± error (99.9% confidence interval, as JMH prints it), its unit, and the bytes allocated
 * per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm}; {@code NaN} if not measured).
 */
record Measure(double score, double error, String unit, double allocPerOp) {
}
