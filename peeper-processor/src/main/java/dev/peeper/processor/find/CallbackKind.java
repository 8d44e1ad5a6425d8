package dev.peeper.processor.find;

/** The callbacks a {@code @GenServer} class may declare, found by method name. */
public enum CallbackKind {
    INIT("init", 0, 1),
    CALL("handleCall", 2, 3),
    CAST("handleCast", 2, 2),
    INFO("handleInfo", 2, 2),
    CONTINUE("handleContinue", 2, 2),
    TERMINATE("terminate", 2, 2),
    CODE_CHANGE("codeChange", 3, 3),
    RESTORE("restore", 2, 2),
    HANDOFF("handoff", 1, 1),
    RESOLVE_CONFLICT("resolveConflict", 2, 2),
    COPY_STATE("copyState", 1, 1);

    private final String methodName;
    private final int minParameters;
    private final int maxParameters;

    CallbackKind(String methodName, int minParameters, int maxParameters) {
        this.methodName = methodName;
        this.minParameters = minParameters;
        this.maxParameters = maxParameters;
    }

    /** Whether this callback may take {@code count} parameters. */
    public boolean takes(int count) {
        return count >= minParameters && count <= maxParameters;
    }

    /** The method name that marks this callback. */
    public String methodName() {
        return methodName;
    }

    /** Whether this kind takes a message and may have one overload per message type. */
    public boolean isHandler() {
        return this == CALL || this == CAST || this == INFO || this == CONTINUE;
    }

    /** The kind a method of this name declares, or {@code null} if the name is not a callback's. */
    public static CallbackKind forMethodName(String name) {
        for (CallbackKind kind : values()) {
            if (kind.methodName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
