package dev.peeper.supervisor;

/**
 * A supervisor's children counted, as {@code countChildren} reports them.
 *
 * @param specs       all child specs
 * @param active      children running now
 * @param supervisors specs of supervisor children
 * @param workers     specs of worker children
 */
public record ChildCounts(int specs, int active, int supervisors, int workers) {
}
