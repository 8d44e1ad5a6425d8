package dev.peeper.process;

import java.util.Objects;

/**
 * Why a process ended, or the reason carried by an exit signal: Erlang's exit reasons as Java types.
 *
 * <table>
 *   <caption>Reasons and their Erlang counterparts</caption>
 *   <tr><th>here</th><th>Erlang</th><th>meaning</th></tr>
 *   <tr><td>{@link Normal}</td><td>{@code normal}</td><td>the process finished its work</td></tr>
 *   <tr><td>{@link Shutdown}</td><td>{@code shutdown}, {@code {shutdown, Detail}}</td>
 *       <td>asked to stop by its supervisor or owner</td></tr>
 *   <tr><td>{@link Kill}</td><td>{@code kill}</td><td>an exit signal that cannot be trapped</td></tr>
 *   <tr><td>{@link Killed}</td><td>{@code killed}</td><td>the reason of a process ended by {@code kill}</td></tr>
 *   <tr><td>{@link NoProc}</td><td>{@code noproc}</td><td>the process did not exist (any more)</td></tr>
 *   <tr><td>{@link Crash}</td><td>{@code {Exception, Stack}}</td><td>an exception escaped the process's code</td></tr>
 *   <tr><td>{@link Custom}</td><td>any other term</td><td>a reason chosen by the program</td></tr>
 * </table>
 *
 * <pre>{@code
 * Proc.exit(pid, ExitReason.shutdown());
 * Proc.exit(pid, ExitReason.of("bad_config"));
 * }</pre>
 */
public sealed interface ExitReason
        permits ExitReason.Normal, ExitReason.Shutdown, ExitReason.Kill, ExitReason.Killed,
                ExitReason.NoProc, ExitReason.Crash, ExitReason.Custom {

    /**
     * The process finished its work. Linked processes that do not trap exits ignore it.
     *
     * @return the one {@link Normal} reason
     */
    static ExitReason normal() {
        return Normal.INSTANCE;
    }

    /**
     * An orderly stop requested by a supervisor or owner.
     *
     * @return the plain {@link Shutdown} reason, without a detail
     */
    static ExitReason shutdown() {
        return Shutdown.PLAIN;
    }

    /**
     * An orderly stop with a detail, Erlang's {@code {shutdown, Detail}}.
     *
     * @param detail why the stop was asked for, shown in logs and to linked processes; not {@code null}
     * @return a {@link Shutdown} carrying {@code detail}; still a normal end for restart decisions
     */
    static ExitReason shutdown(Object detail) {
        return new Shutdown(Objects.requireNonNull(detail, "detail; use shutdown() for a plain shutdown"));
    }

    /**
     * The untrappable exit signal; the process it reaches ends with {@link #killed()}.
     *
     * @return the one {@link Kill} reason, to pass to {@link Proc#exit}
     */
    static ExitReason kill() {
        return Kill.INSTANCE;
    }

    /**
     * The reason of a process that was ended by {@link #kill()}.
     *
     * @return the one {@link Killed} reason
     */
    static ExitReason killed() {
        return Killed.INSTANCE;
    }

    /**
     * The target process did not exist.
     *
     * @return the one {@link NoProc} reason
     */
    static ExitReason noproc() {
        return NoProc.INSTANCE;
    }

    /**
     * An exception escaped the process's code.
     *
     * @param cause the exception that ended the process
     * @return a {@link Crash} carrying {@code cause}
     */
    static ExitReason crash(Throwable cause) {
        return new Crash(Objects.requireNonNull(cause, "cause"));
    }

    /**
     * A reason of the program's own, like an Erlang atom or tuple. A throwable becomes a {@link Crash};
     * an {@code ExitReason} is returned as it is.
     *
     * @param term the reason: any value, typically a string or a record; not {@code null}
     * @return {@code term} itself if it is an {@code ExitReason}, a {@link Crash} for a throwable, else a
     *         {@link Custom}
     */
    static ExitReason of(Object term) {
        Objects.requireNonNull(term, "term");
        if (term instanceof ExitReason reason) {
            return reason;
        }
        if (term instanceof Throwable cause) {
            return new Crash(cause);
        }
        return new Custom(term);
    }

    /**
     * {@code true} for {@link Normal} only.
     *
     * @return whether this is {@code normal}
     */
    default boolean isNormal() {
        return this instanceof Normal;
    }

    /**
     * {@code true} for {@code normal}, {@code shutdown} and {@code {shutdown, _}}: the reasons that a
     * {@code transient} child is not restarted for and that are not logged as crashes.
     *
     * @return whether this is {@code normal} or a shutdown, with or without a detail
     */
    default boolean isNormalOrShutdown() {
        return this instanceof Normal || this instanceof Shutdown;
    }

    /**
     * The exception behind this reason, or {@code null} when it is not a {@link Crash}.
     *
     * @return the crash's exception, or {@code null}
     */
    default Throwable cause() {
        return null;
    }

    /** {@code normal}. */
    record Normal() implements ExitReason {
        static final Normal INSTANCE = new Normal();

        @Override
        public String toString() {
            return "normal";
        }
    }

    /**
     * {@code shutdown}, or {@code {shutdown, detail}} when {@code detail} is not {@code null}.
     *
     * @param detail why the stop was asked for, or {@code null} for a plain shutdown
     */
    record Shutdown(Object detail) implements ExitReason {
        static final Shutdown PLAIN = new Shutdown(null);

        @Override
        public String toString() {
            return detail == null ? "shutdown" : "{shutdown, " + detail + "}";
        }
    }

    /** {@code kill}: cannot be trapped. */
    record Kill() implements ExitReason {
        static final Kill INSTANCE = new Kill();

        @Override
        public String toString() {
            return "kill";
        }
    }

    /** {@code killed}: the reason of a process ended by {@code kill}. */
    record Killed() implements ExitReason {
        static final Killed INSTANCE = new Killed();

        @Override
        public String toString() {
            return "killed";
        }
    }

    /** {@code noproc}: there was no such process. */
    record NoProc() implements ExitReason {
        static final NoProc INSTANCE = new NoProc();

        @Override
        public String toString() {
            return "noproc";
        }
    }

    /**
     * An exception ended the process.
     *
     * @param exception the exception that escaped the process's code
     */
    record Crash(Throwable exception) implements ExitReason {
        /** Checks that there is an exception. */
        public Crash {
            Objects.requireNonNull(exception, "exception");
        }

        @Override
        public Throwable cause() {
            return exception;
        }

        /** The exception's {@code toString()}, or its class name if that throws: a reason must always print. */
        @Override
        public String toString() {
            return Failures.describe(exception);
        }
    }

    /**
     * A reason of the program's own.
     *
     * @param term the reason, as given to {@link ExitReason#of}; never a throwable or an {@code ExitReason}
     */
    record Custom(Object term) implements ExitReason {
        /** Checks that there is a term. */
        public Custom {
            Objects.requireNonNull(term, "term");
        }

        @Override
        public String toString() {
            return String.valueOf(term);
        }
    }
}
