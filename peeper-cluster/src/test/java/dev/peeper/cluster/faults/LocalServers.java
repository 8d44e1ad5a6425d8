package dev.peeper.cluster.faults;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fault suite's servers that run in this JVM, so that a member can say which names it runs: the checker's
 * "every name runs exactly once" is asked of every member, not only of the registry. A server adds itself whenever
 * it starts or handles a message; a dead one is left out when asked ({@link Proc#isAlive}).
 */
final class LocalServers {
    private static final Map<String, Set<Pid>> RUNNING = new ConcurrentHashMap<>();

    private LocalServers() {
    }

    /** The calling server runs {@code name}. */
    static void here(String name) {
        RUNNING.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(Proc.self());
    }

    /** {@return "name pid" for each live server of this JVM} */
    static List<String> alive() {
        List<String> alive = new ArrayList<>();
        RUNNING.forEach((name, pids) -> pids.stream().filter(Proc::isAlive)
                .forEach(pid -> alive.add(name + " " + Incarnation.of(pid))));
        return alive;
    }
}
