package dev.peeper.cluster;

import dev.peeper.keeper.SupersededException;
import java.io.Serial;

/**
 * Why a server stopped on a member cut off from the majority of its cluster (a network split, or a pause long
 * enough that the others stopped hearing from it): the majority starts the server from its replicated state, so this
 * incarnation stops first, and no name has two incarnations accepting updates at once. Its {@code terminate} and
 * listener see {@code ExitReason.shutdown(this)}; its state is not released (it is what the majority resumes from),
 * and the member starts it again itself if it regains the majority before anyone else took the name over.
 */
public final class MinorityException extends SupersededException {
    @Serial
    private static final long serialVersionUID = 1L;

    MinorityException(Object name, String why) {
        super("the server " + name + " stops: its member " + why + " (a network split, or a pause); the majority "
                + "runs it from its replicated state, and the state this incarnation acknowledged stays");
    }
}
