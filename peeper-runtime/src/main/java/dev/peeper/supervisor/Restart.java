package dev.peeper.supervisor;

import dev.peeper.process.ExitReason;

/** When a supervisor restarts a child that ended, OTP's restart types. */
public enum Restart {
    /** Always restarted. */
    PERMANENT,
    /** Restarted only if it ended abnormally: not for {@code normal}, {@code shutdown} or {@code {shutdown, _}}. */
    TRANSIENT,
    /** Never restarted; its spec is forgotten when it ends. */
    TEMPORARY;

    /**
     * Whether a child of this restart type that ended with {@code reason} is restarted.
     *
     * @param reason why the child ended
     * @return whether the supervisor restarts it
     */
    public boolean restartsAfter(ExitReason reason) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> !reason.isNormalOrShutdown();
            case TEMPORARY -> false;
        };
    }
}
