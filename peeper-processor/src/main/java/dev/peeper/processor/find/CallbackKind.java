package dev.peeper.processor.find;

/** The callbacks a {@code @GenServer} class may declare, found by method name. */
public enum CallbackKind {
    INIT("init"),
    CALL("handleCall"),
    CAST("handleCast"),
    INFO("handleInfo"),
    CONTINUE("handleContinue"),
    TERMINATE("terminate"),
    CODE_CHANGE("codeChange"),
    RESTORE("restore"),
    COPY_STATE("copyState");

    private final String methodName;

    CallbackKind(String methodName) {
        this.methodName = methodName;
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
