package dev.peeper.samples.cluster;

import dev.peeper.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The member JVMs of one run of a cluster demo, each on a port of its own on 127.0.0.1, all in one cluster named
 * afresh for the run. {@link #run} tells the demo's story with them and kills every one at the end, whatever
 * happened.
 */
final class MemberJvms {
    /** How many of its last log lines each member shows when the demo failed. */
    private static final int LOG_TAIL = 40;
    private final String demo;
    private final Class<?> main;
    private final List<MemberJvm> members = new ArrayList<>();
    private final BlockingQueue<MemberJvm.News> news = new LinkedBlockingQueue<>();
    /** The cluster's name: unique, so that two runs at once never meet. */
    final String cluster;

    /** A demo's story, told with the member JVMs it starts. */
    @FunctionalInterface
    interface Story {
        void tell(MemberJvms members) throws IOException;
    }

    private MemberJvms(String demo, Class<?> main) {
        this.demo = demo;
        this.main = main;
        this.cluster = "peeper-" + demo + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Tells {@code story}, whose member JVMs run {@code main}, printing to {@code out}; answers the exit code: 0 if
     * the story ended, 1 (the reason printed) if it failed. The members are killed at the end; their logs are kept
     * only if it failed, and their last lines printed after the reason.
     */
    static int run(PrintStream out, String demo, Class<?> main, Story story) {
        MemberJvms members = new MemberJvms(demo, main);
        boolean succeeded = false;
        try {
            story.tell(members);
            succeeded = true;
        } catch (IOException | RuntimeException e) {
            out.println();
            out.println("The demo FAILED: " + (e instanceof DemoFailed ? e.getMessage() : e));
        } finally {
            members.members.forEach(MemberJvm::kill);
        }
        if (succeeded) {
            members.members.forEach(MemberJvm::deleteLog);
        } else { // what the members logged says why, on a machine whose files are gone after the run too
            for (MemberJvm member : members.members) {
                out.println();
                member.logTail(LOG_TAIL).forEach(out::println);
            }
        }
        return succeeded ? 0 : 1;
    }

    /** Starts {@code count} members and waits until every one has joined the cluster. */
    List<MemberJvm> start(int count) throws IOException {
        // below the ephemeral range, so no member connects to itself (see LoopbackPorts); each member JVM binds its own
        List<Integer> ports = LoopbackPorts.reserve(count);
        for (int number = 1; number <= count; number++) {
            members.add(MemberJvm.start(number, demo, main, cluster, ports, news));
        }
        members.forEach(MemberJvm::awaitReady);
        return List.copyOf(members);
    }

    /** The member whose node number is {@code node}. */
    MemberJvm ofNode(String node) {
        return members.stream().filter(m -> node.equals(m.node)).findFirst()
                .orElseThrow(() -> new DemoFailed("no member has node " + node));
    }

    /** Waits up to {@code timeout} for the next line a member printed on its own. */
    MemberJvm.News nextNews(Duration timeout) {
        try {
            MemberJvm.News next = news.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new DemoFailed("no member said anything on its own within " + timeout);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailed("interrupted while waiting for news from the members");
        }
    }
}
