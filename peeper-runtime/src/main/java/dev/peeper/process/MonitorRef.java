package dev.peeper.process;

/**
 * The identity of one monitor, returned by {@link Proc#monitor(Pid)} and carried by the {@link Down} message it
 * delivers; pass it to {@link Proc#demonitor(MonitorRef)} to stop watching.
 */
public final class MonitorRef {
    private final long id;
    final Pid watcher;
    final Pid target;

    MonitorRef(long id, Pid watcher, Pid target) {
        this.id = id;
        this.watcher = watcher;
        this.target = target;
    }

    /** {@return the watched process} */
    public Pid target() {
        return target;
    }

    @Override
    public String toString() {
        return "#Ref<" + id + ">";
    }
}
