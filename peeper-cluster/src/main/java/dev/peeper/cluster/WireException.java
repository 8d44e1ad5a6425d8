package dev.peeper.cluster;

import dev.peeper.cluster.security.MemberSecurity;
import java.io.Serial;

/**
 * A value could not cross to another member: Hazelcast could not write it, or the member it reached could not
 * read it. Only what crosses fails, and only for whoever sent it: a call whose request or reply cannot cross fails that call (as the cause of a
 * {@code CallFailedException}); a cast or a plain message throws this from the send; a state that cannot be
 * replicated ends the worker that produced it, so its server resumes from the last state kept (the caller of the
 * call that produced it hears a {@code ServerExitException} caused by this). The server itself keeps running.
 *
 * <p>What crosses: messages, requests, replies and states as records (Compact serialization, no configuration) or
 * {@link java.io.Serializable}; starters with Java serialization, so every value they capture must be
 * {@code Serializable}. Locally nothing is serialized, so a type that works in one JVM may fail here first. A
 * call's request or reply that crosses but cannot be read on the other side (its class missing or different
 * there) fails the call the same way, at once rather than at its timeout.
 */
public final class WireException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What could not cross. */
    public enum Kind {
        /** A plain message (an info, for a server). */
        MESSAGE("the message", "cannot be sent to another member"),
        /** A cast's request. */
        CAST("the cast's request", "cannot be sent to another member (the server's)"),
        /** A call's request. */
        REQUEST("the call's request", "cannot be sent to another member (the server's)"),
        /** A call's reply. */
        REPLY("the reply", "cannot be sent to another member (the caller's)"),
        /** A server's state. */
        STATE("the state", "cannot be replicated to another member"),
        /** A {@link ClusterStarter}, or a value it captures. */
        STARTER("the starter", "cannot be sent to another member (the one that owns the name)"),
        /** The init argument of a {@linkplain ClusterStarters#peeper starter}, which travels with it. */
        INIT_ARGUMENT("the init argument", "cannot be sent to another member (the one that owns the name)");

        private final String what;
        private final String failure;

        Kind(String what, String failure) {
            this.what = what;
            this.failure = failure;
        }
    }

    /** In the failure of a value refused on receipt for its size. */
    static final String TOO_LARGE_MARK = "over this member's limit";

    /** The {@link #type()} of a value that crossed but could not be read. */
    public static final String UNKNOWN_TYPE = "unknown";

    /** What could not cross. */
    private final Kind kind;
    /** The class name of the value that could not cross, or {@value #UNKNOWN_TYPE}. */
    private final String type;

    private WireException(Kind kind, String type, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.type = type;
    }

    /** {@code value}, of the {@code kind}, could not be serialized; {@code cause} says why. */
    static WireException of(Kind kind, Object value, Throwable cause) {
        String type = value == null ? "null" : value.getClass().getName();
        String advice = kind == Kind.STARTER || kind == Kind.INIT_ARGUMENT
                ? "a starter travels with Java serialization, so make it and every value it captures (the init "
                + "argument too) java.io.Serializable"
                : "make its class, and those of what it holds, a record or Serializable (a record crosses as Compact "
                + "with no configuration, any other class as java.io.Serializable)";
        return new WireException(kind, type, kind.what + ", a " + type + ", " + kind.failure + ": " + advice
                + ". Hazelcast said: " + rootCause(cause), cause);
    }

    /**
     * {@code value}, of the {@code kind}, is {@code bytes} long once serialized: over the limit {@code max} that
     * {@link ClusterSecurity#withMaxMessageBytes} sets (refused before it is sent).
     */
    static WireException tooLarge(Kind kind, Object value, int bytes, int max) {
        String type = value == null ? "null" : value.getClass().getName();
        return new WireException(kind, type, kind.what + ", a " + type + ", " + kind.failure + ": it is " + bytes
                + " bytes serialized, over the limit of " + max + " bytes. Send less at once (split it, or send a "
                + "reference to where the data is), or raise the limit on every member with "
                + "ClusterOptions.withMaxMessageBytes", null);
    }

    /**
     * A call's request ({@link Kind#REQUEST}, on the server's member) or reply ({@link Kind#REPLY}, on the caller's)
     * crossed but could not be read on the member it reached; {@code failure} says why.
     */
    static WireException unreadable(Kind kind, String failure) {
        String where = kind == Kind.REQUEST ? "the server's member" : "the caller's member";
        if (failure.contains("SecurityException") || failure.contains("allow-list")) {
            return new WireException(kind, UNKNOWN_TYPE, kind.what + " was refused on " + where + ": "
                    + MemberSecurity.howToAllow(failure), null);
        }
        if (failure.contains(TOO_LARGE_MARK)) {
            return new WireException(kind, UNKNOWN_TYPE, kind.what + " was refused on " + where + ": " + failure,
                    null);
        }
        return new WireException(kind, UNKNOWN_TYPE, kind.what + " could not be read on " + where + ": its class "
                + "must be on every member's class path, in the same version, and readable there (a record, or a "
                + "java.io.Serializable whose deserialization succeeds). Hazelcast said: " + failure, null);
    }

    /**
     * What could not cross.
     *
     * @return the kind of value
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The class name of the value that could not cross (what it holds may be the culprit: see the message), or
     * {@value #UNKNOWN_TYPE} when it crossed but could not be read.
     *
     * @return the value's class name
     */
    public String type() {
        return type;
    }

    /** The innermost cause of {@code failure}, as class and message: what Hazelcast's wrappers say least of. */
    static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }
}
