package dev.peeper.samples.cluster;

import dev.peeper.annotations.GenServer;
import dev.peeper.process.ExitReason;
import dev.peeper.server.Reply;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * A guestbook for the heal demo: anyone signs it, and a signature is never taken back. That makes two diverged
 * books easy to merge: after a network split healed in a cluster without a majority, where both sides kept signing,
 * {@code resolveConflict} takes the union, so no signature either side acknowledged is lost.
 */
@GenServer
public class Guestbook {
    /**
     * Signs the book and answers it.
     *
     * @param name who signs
     */
    public record Sign(String name) {
    }

    /** Answers the book. */
    public record Read() {
    }

    /**
     * The signatures, sorted, each once, immutable: the state, and what a call answers. A record, so it crosses to
     * another member as Compact, with no configuration and no allow-list entry.
     *
     * @param names who signed
     */
    public record Signatures(List<String> names) {
        /** No signatures: a new book. */
        public static final Signatures NONE = new Signatures(List.of());

        /** Sorts the names and drops repeats, into a list no one can change. */
        public Signatures {
            names = names.stream().distinct().sorted().toList();
        }

        /** These signatures and {@code name}'s. */
        public Signatures with(String name) {
            return new Signatures(Stream.concat(names.stream(), Stream.of(name)).toList());
        }

        /** These signatures and {@code other}'s. */
        public Signatures union(Signatures other) {
            return new Signatures(Stream.concat(names.stream(), other.names.stream()).toList());
        }

        /** Whether every one of {@code signers} signed. */
        public boolean containsAll(Collection<String> signers) {
            return names.containsAll(signers);
        }

        @Override
        public String toString() {
            return String.join(" ", names);
        }
    }

    Signatures init() {
        return Signatures.NONE;
    }

    Reply<Signatures, Signatures> handleCall(Sign sign, Signatures book) {
        Signatures signed = book.with(sign.name());
        return Reply.of(signed, signed);
    }

    Reply<Signatures, Signatures> handleCall(Read read, Signatures book) {
        return Reply.of(book, book);
    }

    /** After a split healed: both sides' signatures, as nothing is ever unsigned. */
    Signatures resolveConflict(Signatures mine, Signatures theirs) {
        return mine.union(theirs);
    }

    /**
     * Says why this guestbook's worker ends: a crash (Peeper then restarts it from the kept state) or a stop, as
     * when a healed cluster kept the other side's guestbook.
     */
    void terminate(ExitReason reason, Signatures book) {
        // in the demo this runs in a member JVM whose standard output the demo reads: a line of news, not an answer
        System.out.println(MemberJvm.NEWS + "its guestbook's worker ended, holding " + book.names().size()
                + " signatures: " + reason);
        System.out.flush();
    }
}
