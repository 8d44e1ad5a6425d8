package dev.peeper.cluster.supervisor;

import dev.peeper.process.Pid;
import java.io.Serial;
import java.io.Serializable;

/**
 * What the children map holds for one running child: its supervisor and the pid of its current incarnation (each
 * start, first or after a failover, writes a new record; an incarnation's end removes only its own record).
 *
 * @param supervisor the id of the child's supervisor
 * @param pid        the child's process now
 */
record ChildRecord(String supervisor, Pid pid) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
