package dev.peeper.cluster.supervisor;

import java.io.Serial;

/** {@link ClusterSupervisor#terminateChild} was given a name that is not one of the supervisor's children. */
public final class UnknownChildException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Object name;

    UnknownChildException(Object name, String supervisor) {
        super("no child named " + name + " under the cluster supervisor " + supervisor + ": check the name against "
                + "children(); a child that ended (stopped, or gave up after too many restarts) is no longer one");
        this.name = name;
    }

    /** {@return the name that is not a child} */
    public Object name() {
        return name;
    }
}
