package dev.peeper.processor.names;

import com.palantir.javapoet.ClassName;
import java.util.Set;

/**
 * The runtime API that generated code and checks refer to, by name: the processor does not depend on
 * {@code peeper-runtime}, the user's compilation does.
 */
public final class RuntimeTypes {
    private static final String SERVER = "dev.peeper.server";
    private static final String DURABLE = "dev.peeper.durable";

    public static final ClassName DISPATCHER = ClassName.get(SERVER, "Dispatcher");
    public static final ClassName RESULT = ClassName.get(SERVER, "Result");
    public static final ClassName REPLY = ClassName.get(SERVER, "Reply");
    public static final ClassName NEXT = ClassName.get(SERVER, "Next");
    public static final ClassName STOP = ClassName.get(SERVER, "Stop");
    public static final ClassName FROM = ClassName.get(SERVER, "From");
    public static final ClassName HANDOFF = ClassName.get(SERVER, "Handoff");
    public static final ClassName GEN_SERVERS = ClassName.get(SERVER, "GenServers");
    public static final ClassName START_EXCEPTION = ClassName.get(SERVER, "StartException");
    public static final ClassName PEEPER = ClassName.get(DURABLE, "Peeper");
    public static final ClassName PEEPER_REF = ClassName.get(DURABLE, "PeeperRef");
    public static final ClassName PEEPER_OPTIONS = ClassName.get(DURABLE, "PeeperOptions");
    public static final ClassName PEEPER_STATISTICS = ClassName.get(DURABLE, "PeeperStatistics");
    public static final ClassName STATE_COPY = ClassName.get("dev.peeper.keeper", "StateCopy");
    public static final ClassName CHILD_SPEC = ClassName.get("dev.peeper.supervisor", "ChildSpec");
    public static final ClassName EXIT_REASON = ClassName.get("dev.peeper.process", "ExitReason");
    public static final ClassName PID = ClassName.get("dev.peeper.process", "Pid");
    public static final ClassName PROCESS_NAME = ClassName.get("dev.peeper.registry", "ProcessName");

    /**
     * The runtime's packages, whose info messages only the runtime sends ({@code IdleTimeout}, {@code Down},
     * {@code ExitSignal}): their info handlers get no client method. Exact packages, not a prefix: user code may
     * live under {@code dev.peeper} too (the samples do).
     */
    public static final Set<String> RUNTIME_PACKAGES = Set.of(SERVER, DURABLE, "dev.peeper.process",
            "dev.peeper.registry", "dev.peeper.supervisor", "dev.peeper.keeper", "dev.peeper.observe");

    private RuntimeTypes() {
    }
}
