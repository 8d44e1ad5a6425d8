package dev.peeper.samples.tree;

import dev.peeper.durable.StateListener;
import dev.peeper.process.ExitReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends what happens to the state of one or more Peeper servers to a text file, one line per event:
 * {@code visits: 1 -> 3}, then {@code visits: terminated (shutdown)}.
 *
 * <pre>{@code
 * FileJournal journal = new FileJournal(Path.of("state.log"));
 * CounterClient.start(0, PeeperOptions.named("visits").withListener(journal.listener("visits")));
 * }</pre>
 *
 * <p>Each server calls its listener on a process of its own, in order; several servers may share one journal,
 * whose lock keeps their lines whole. An exception here (a full disk, say) is logged by the runtime and never
 * harms the server.
 */
public final class FileJournal {
    private final Path file;
    // a lock, not synchronized: listener processes are virtual threads, which synchronized would pin
    private final ReentrantLock lock = new ReentrantLock();

    /** A journal appending to {@code file}, created on the first line. */
    public FileJournal(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file this journal appends to. */
    public Path file() {
        return file;
    }

    /** A listener that journals the server it is given to as {@code server}. */
    public <S> StateListener<S> listener(String server) {
        Objects.requireNonNull(server, "server");
        return new StateListener<>() {
            @Override
            public void onStateChanged(S oldState, S newState) throws IOException {
                append(server + ": " + oldState + " -> " + newState);
            }

            @Override
            public void onTerminate(ExitReason reason, S lastState) throws IOException {
                append(server + ": terminated (" + reason + ") at " + lastState);
            }
        };
    }

    private void append(String line) throws IOException {
        lock.lock();
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } finally {
            lock.unlock();
        }
    }
}
