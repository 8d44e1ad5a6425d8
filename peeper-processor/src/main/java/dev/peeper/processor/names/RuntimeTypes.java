package dev.peeper.processor.names;

import com.palantir.javapoet.ClassName;

/**
 * The runtime API that generated code and checks refer to, by name: the processor does not depend on
 * {@code peeper-runtime}, the user's compilation does.
 */
public final class RuntimeTypes {
    private static final String SERVER = "dev.peeper.server";

    public static final ClassName DISPATCHER = ClassName.get(SERVER, "Dispatcher");
    public static final ClassName RESULT = ClassName.get(SERVER, "Result");
    public static final ClassName REPLY = ClassName.get(SERVER, "Reply");
    public static final ClassName NEXT = ClassName.get(SERVER, "Next");
    public static final ClassName STOP = ClassName.get(SERVER, "Stop");
    public static final ClassName FROM = ClassName.get(SERVER, "From");
    public static final ClassName GEN_SERVERS = ClassName.get(SERVER, "GenServers");
    public static final ClassName SERVER_REF = ClassName.get(SERVER, "ServerRef");
    public static final ClassName START_OPTIONS = ClassName.get(SERVER, "StartOptions");
    public static final ClassName EXIT_REASON = ClassName.get("dev.peeper.process", "ExitReason");
    public static final ClassName PROCESS_NAME = ClassName.get("dev.peeper.registry", "ProcessName");

    /**
     * Packages whose message types only the runtime sends ({@code IdleTimeout}, {@code Down},
     * {@code ExitSignal}): their info handlers get no client method.
     */
    public static final String RUNTIME_PACKAGE_PREFIX = "dev.peeper.";

    private RuntimeTypes() {
    }
}
