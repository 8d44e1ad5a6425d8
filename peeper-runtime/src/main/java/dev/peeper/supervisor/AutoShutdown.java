package dev.peeper.supervisor;

/**
 * Whether a supervisor stops by itself when its {@linkplain ChildSpec#significant() significant} children end
 * (OTP 24's {@code auto_shutdown}). Only children that end without being restarted count.
 */
public enum AutoShutdown {
    /** Never: significant children are not allowed. */
    NEVER,
    /** Stop when any significant child ends. */
    ANY_SIGNIFICANT,
    /** Stop when all significant children have ended. */
    ALL_SIGNIFICANT
}
