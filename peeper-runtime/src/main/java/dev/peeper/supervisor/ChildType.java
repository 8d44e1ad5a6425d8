package dev.peeper.supervisor;

/** Whether a child is a worker or itself a supervisor (which changes its default shutdown: infinity). */
public enum ChildType {
    /** Does the work. */
    WORKER,
    /** Supervises others. */
    SUPERVISOR
}
