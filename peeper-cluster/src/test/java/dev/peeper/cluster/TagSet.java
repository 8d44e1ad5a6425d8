package dev.peeper.cluster;

import dev.peeper.process.ExitReason;
import dev.peeper.server.Dispatcher;
import dev.peeper.server.From;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import dev.peeper.server.Result;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A grow-only set of tags, for the heal tests: a cast of a {@code String} adds it, a call of {@code "get"} answers
 * the set. Two sides' sets merge by union ({@code resolveConflict}), so no tag either side acknowledged is lost.
 * Each incarnation's {@code terminate} reason is recorded in {@link #TERMINATED} (of the JVM it runs in) and printed.
 */
class TagSet implements Dispatcher<TreeSet<String>> {
    /** Why incarnations in this JVM ended, in order. */
    static final Queue<String> TERMINATED = new ConcurrentLinkedQueue<>();

    @Override
    public Result<TreeSet<String>> init(Object start) {
        return Next.of(new TreeSet<>());
    }

    @Override
    public Result<TreeSet<String>> handleCall(Object request, From<Object> from, TreeSet<String> tags) {
        return Reply.of(new TreeSet<>(tags), tags);
    }

    @Override
    public Result<TreeSet<String>> handleCast(Object tag, TreeSet<String> tags) {
        TreeSet<String> next = new TreeSet<>(tags);
        next.add((String) tag);
        return Next.of(next);
    }

    @Override
    public TreeSet<String> resolveConflict(TreeSet<String> mine, TreeSet<String> theirs) {
        TreeSet<String> union = new TreeSet<>(mine);
        union.addAll(theirs);
        return union;
    }

    @Override
    public void terminate(ExitReason reason, TreeSet<String> tags) {
        TERMINATED.add(String.valueOf(reason));
        System.out.println("TERMINATED " + reason);
        System.out.flush();
    }
}
