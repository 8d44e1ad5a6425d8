package dev.peeper.process;

/**
 * How {@link Proc#spawn(ProcessBody, SpawnOptions)} starts a process. Immutable; start from
 * {@link #defaults()}.
 *
 * <pre>{@code
 * Pid worker = Proc.spawn(body, SpawnOptions.defaults().withLink().withTrapExit());
 * }</pre>
 *
 * @param link     link the new process to the spawning one before it runs (needs a spawning process)
 * @param monitor  monitor the new process from the spawning one before it runs (needs a spawning process);
 *                 {@link Proc#spawnMonitor(ProcessBody, SpawnOptions)} returns the monitor's ref
 * @param trapExit start the new process already trapping exits
 */
public record SpawnOptions(boolean link, boolean monitor, boolean trapExit) {
    private static final SpawnOptions DEFAULTS = new SpawnOptions(false, false, false);

    /** {@return the defaults: no link, no monitor, not trapping exits} */
    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    /** {@return the same options, plus a link to the spawning process} */
    public SpawnOptions withLink() {
        return new SpawnOptions(true, monitor, trapExit);
    }

    /** {@return the same options, plus a monitor from the spawning process} */
    public SpawnOptions withMonitor() {
        return new SpawnOptions(link, true, trapExit);
    }

    /** {@return the same options, and the new process traps exits from its first instruction} */
    public SpawnOptions withTrapExit() {
        return new SpawnOptions(link, monitor, true);
    }
}
