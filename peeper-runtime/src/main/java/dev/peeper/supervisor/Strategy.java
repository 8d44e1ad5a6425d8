package dev.peeper.supervisor;

/** What else a supervisor restarts when one child must be restarted. */
public enum Strategy {
    /** Only that child. */
    ONE_FOR_ONE,
    /** All children: the others are stopped (in reverse start order), then all start again in order. */
    ONE_FOR_ALL,
    /** That child and the children started after it. */
    REST_FOR_ONE
}
