package dev.peeper.samples.tree;

import dev.peeper.durable.PeeperOptions;
import dev.peeper.samples.cache.Entries;
import dev.peeper.samples.cache.HotCacheClient;
import dev.peeper.samples.counter.CounterClient;
import dev.peeper.supervisor.Supervisor;
import dev.peeper.supervisor.SupervisorFlags;
import dev.peeper.supervisor.SupervisorRef;
import java.nio.file.Path;
import java.util.List;

/**
 * A small supervision tree: one {@code one_for_one} supervisor over two Peeper servers, a counter of visits and a
 * cache of sessions, each registered under a name and journaling its state changes to one file.
 *
 * <pre>{@code
 * AuditedTree tree = AuditedTree.start(Path.of("state.log"));
 * tree.visits().add(1);
 * tree.sessions().put("alice", "token-1", Duration.ofMinutes(30));
 * tree.stop();
 * }</pre>
 *
 * <p>Two levels of restart: a crashed <em>worker</em> is restarted by its Peeper server, from the kept state,
 * without the supervisor noticing; only if a Peeper server itself ends (after too many worker restarts, or killed
 * outright) does the supervisor start it again, from {@code init}.
 */
public final class AuditedTree {
    /** The counter's name and child id. */
    public static final String VISITS = "visits";
    /** The cache's name and child id. */
    public static final String SESSIONS = "sessions";

    private final SupervisorRef supervisor;

    private AuditedTree(SupervisorRef supervisor) {
        this.supervisor = supervisor;
    }

    /** Starts the tree; both servers journal to {@code journal}. */
    public static AuditedTree start(Path journal) {
        FileJournal file = new FileJournal(journal);
        SupervisorRef supervisor = Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                CounterClient.childSpec(VISITS, 0,
                        PeeperOptions.named(VISITS).withListener(file.<Integer>listener(VISITS))),
                HotCacheClient.childSpec(SESSIONS,
                        PeeperOptions.named(SESSIONS).withListener(file.<Entries>listener(SESSIONS)))));
        return new AuditedTree(supervisor);
    }

    /** The counter, by name: it reaches whichever server holds the name, also after the supervisor restarts it. */
    public CounterClient visits() {
        return CounterClient.named(VISITS);
    }

    /** The cache, by name. */
    public HotCacheClient sessions() {
        return HotCacheClient.named(SESSIONS);
    }

    /** The supervisor, to look at or change its children. */
    public SupervisorRef supervisor() {
        return supervisor;
    }

    /** Stops the supervisor, which stops both servers (their listeners hear {@code onTerminate}). */
    public void stop() {
        supervisor.stop();
    }
}
