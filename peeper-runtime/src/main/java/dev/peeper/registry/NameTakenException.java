package dev.peeper.registry;

import dev.peeper.process.Pid;

/**
 * A name is already registered to another live process. Pick another name, stop the holder first, or look the
 * holder up with {@link Registry#whereis(Object)} and use it.
 */
public class NameTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object name;
    private final transient Pid holder;

    /**
     * A registration refused because the name is in use.
     *
     * @param name   the name asked for
     * @param holder the process holding it, if known, else {@code null}
     */
    public NameTakenException(Object name, Pid holder) {
        super("the name " + name + " is already registered" + (holder == null ? "" : " to " + holder)
                + "; choose another name or stop the process that holds it");
        this.name = name;
        this.holder = holder;
    }

    /** {@return the name asked for} */
    public Object name() {
        return name;
    }

    /** {@return the process holding it, or {@code null} if unknown} */
    public Pid holder() {
        return holder;
    }
}
