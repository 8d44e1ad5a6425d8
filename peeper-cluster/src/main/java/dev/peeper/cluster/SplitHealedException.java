package dev.peeper.cluster;

import dev.peeper.keeper.SupersededException;
import dev.peeper.process.Pid;
import java.io.Serial;

/**
 * Why a server stops after a network split healed: both sides had run its name, and the merged cluster kept the
 * other side's incarnation. Its {@code terminate} and listener see {@code ExitReason.shutdown(this)}. Where no
 * majority decided (a minimum of one member), the state it kept during the split is handed to the kept
 * incarnation's {@code resolveConflict}; where a majority did, it could acknowledge nothing the majority did not
 * have, and its state is dropped.
 */
public final class SplitHealedException extends SupersededException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The incarnation the merged cluster kept. */
    private final Pid kept;

    SplitHealedException(Object name, Pid kept) {
        super("a network split healed, and the cluster kept the other incarnation of " + name + " ("
                + (kept != null ? kept : "moving between members when the merge settled this one")
                + "); this one stops. Where no majority decided, what it kept meanwhile goes to that one's "
                + "resolveConflict(mine, theirs)");
        this.kept = kept;
    }

    /**
     * {@return the incarnation the cluster kept: the name's holder when the merge settled this one, or {@code null}
     * if the name was free then (the kept incarnation was moving between members)}
     */
    public Pid kept() {
        return kept;
    }
}
