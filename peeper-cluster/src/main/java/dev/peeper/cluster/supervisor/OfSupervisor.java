package dev.peeper.cluster.supervisor;

import com.hazelcast.query.Predicate;
import java.io.Serial;
import java.util.Map;

/**
 * Selects one supervisor's children in the children map, on each partition's own member.
 *
 * @param supervisor the supervisor's id
 */
record OfSupervisor(String supervisor) implements Predicate<Object, ChildRecord> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public boolean apply(Map.Entry<Object, ChildRecord> entry) {
        return entry.getValue() != null && supervisor.equals(entry.getValue().supervisor());
    }
}
