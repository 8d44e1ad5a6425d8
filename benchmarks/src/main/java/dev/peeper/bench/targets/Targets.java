package dev.peeper.bench.targets;

import java.util.List;

/**
 * The names of the benchmark rows (JMH {@code @Param} values, so compile-time constants), their labels in the
 * report, and how to start each.
 */
public final class Targets {
    /** The floor: a bare virtual thread with a mailbox, answering calls through a future. */
    public static final String FLOOR = "floor";
    /** A plain generic server ({@code GenServers.start}) with the hand-written counter. */
    public static final String PLAIN = "plain";
    /** A Peeper server ({@code Peeper.start}) with the hand-written counter, called through its {@code PeeperRef}. */
    public static final String PEEPER = "peeper";
    /** A Peeper server of a {@code @GenServer} class, called through the generated typed client. */
    public static final String TYPED = "typed";
    /** A Pekko typed actor: ask for calls, tell for casts. */
    public static final String PEKKO = "pekko";
    /** A counter guarded by a {@code ReentrantLock}: what a call costs without any message passing. */
    public static final String LOCK = "lock";
    /** Diagnostic: the floor, but the caller waits with a timeout ({@code get(5, SECONDS)}). */
    public static final String FLOOR_TIMED = "floor-timed";
    /** Diagnostic: the plain server, but the caller waits without a timeout ({@code callAsync(..).join()}). */
    public static final String PLAIN_UNTIMED = "plain-untimed";

    /** The rows of the report's tables, in order. */
    public static final List<String> ALL = List.of(FLOOR, PLAIN, PEEPER, TYPED, PEKKO, LOCK);

    private Targets() {
    }

    /** Starts the counter of row {@code name} at zero. */
    public static Target start(String name) {
        return switch (name) {
            case FLOOR -> new FloorTarget(false);
            case FLOOR_TIMED -> new FloorTarget(true);
            case PLAIN -> new PlainTarget(false);
            case PLAIN_UNTIMED -> new PlainTarget(true);
            case PEEPER -> new PeeperTarget();
            case TYPED -> new TypedTarget();
            case PEKKO -> new PekkoTarget();
            case LOCK -> new LockTarget();
            default -> throw new IllegalArgumentException("unknown benchmark target '" + name + "'; known: " + ALL
                    + ", " + FLOOR_TIMED + ", " + PLAIN_UNTIMED);
        };
    }

    /** The row's label in the report. */
    public static String label(String name) {
        return switch (name) {
            case FLOOR -> "bare VT mailbox + future (floor)";
            case PLAIN -> "plain server call";
            case PEEPER -> "Peeper server, PeeperRef";
            case TYPED -> "Peeper server, generated typed client";
            case PEKKO -> "Pekko typed ask / tell";
            case LOCK -> "ReentrantLock-guarded object";
            case FLOOR_TIMED -> "floor, but get(5, SECONDS)";
            case PLAIN_UNTIMED -> "plain server, callAsync(..).join()";
            default -> name;
        };
    }
}
