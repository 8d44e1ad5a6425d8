package dev.peeper.samples.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.ExitReason;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.samples.counter.CounterClient;
import dev.peeper.supervisor.ChildInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervision-tree sample: the journal gets every state change, and worker restarts stay inside the servers. */
class AuditedTreeTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    void journalsEveryChangeAndRestartsWorkersWithoutTheSupervisor(@TempDir Path dir) {
        Path file = dir.resolve("state.log");
        AuditedTree tree = AuditedTree.start(file);
        CounterClient visits = tree.visits();
        Pid server = visits.ref().pid();

        visits.add(1);
        visits.add(2);
        Proc.exit(visits.worker(), ExitReason.kill());
        visits.add(3);
        assertThat(visits.get()).isEqualTo(6);
        tree.sessions().put("alice", "token-1", Duration.ofHours(1));
        assertThat(tree.sessions().get("alice")).contains("token-1");
        assertThat(tree.supervisor().whichChildren()).extracting(ChildInfo::pid).contains(server);

        List<String> lines = awaitLines(file, l -> l.contains("visits: 3 -> 6") && l.contains("sessions: [] -> [alice]"));
        assertThat(lines).containsSubsequence("visits: 0 -> 1", "visits: 1 -> 3", "visits: 3 -> 6");

        tree.stop();
        lines = awaitLines(file, l -> l.stream().filter(line -> line.contains("terminated")).count() == 2);
        assertThat(lines).contains("visits: terminated (shutdown) at 6", "sessions: terminated (shutdown) at [alice]");
    }

    /** The journal's lines once {@code done} holds; listeners write on processes of their own, so wait for them. */
    private static List<String> awaitLines(Path file, Predicate<List<String>> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> lines = read(file);
        while (!done.test(lines)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the journal did not get the expected lines within " + PATIENCE + ": "
                        + lines);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
            lines = read(file);
        }
        return lines;
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
