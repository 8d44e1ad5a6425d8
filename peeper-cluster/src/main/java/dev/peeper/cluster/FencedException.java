package dev.peeper.cluster;

import dev.peeper.keeper.SupersededException;
import java.io.Serial;

/**
 * A server's state write was refused because another incarnation of the same name holds it: a newer one took it
 * over (on another member, after this one was paused or cut off), or a split healed and the merged cluster kept the
 * other side's. This incarnation is stale and must stop. Its worker ends with this exception, and its Peeper server
 * ends at once, without restarts, with {@code ExitReason.shutdown(this)} (see {@link SupersededException}): the name
 * and the state stay with the other incarnation.
 */
public final class FencedException extends SupersededException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The refused incarnation's generation. */
    private final long generation;
    /** The generation that holds the name now. */
    private final long newer;

    FencedException(Object name, long generation, long newer) {
        super("the server " + name + " of generation " + generation + " was taken over by " + (newer > generation
                ? "generation " + newer : "another incarnation (generation " + newer + ", counted on the other side of "
                        + "a split that healed)") + " elsewhere; this stale incarnation stops");
        this.generation = generation;
        this.newer = newer;
    }

    /** {@return the refused incarnation's generation} */
    public long generation() {
        return generation;
    }

    /** {@return the generation that holds the name now} */
    public long newer() {
        return newer;
    }
}
