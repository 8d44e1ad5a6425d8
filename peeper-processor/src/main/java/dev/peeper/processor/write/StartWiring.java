package dev.peeper.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.RuntimeTypes;

/**
 * The one place that decides how a generated client starts its server: the runtime entry point, the options
 * type its start methods take, and their default. Today a plain generic server ({@code GenServers}, taking
 * {@code StartOptions}); switching to the Peeper runtime (supervisor, keeper and worker) changes this class and
 * the options type in {@link dev.peeper.processor.names.ClientApi#fixed}, nothing else. The dispatcher's
 * no-argument constructor is already the factory a restarted worker needs ({@code Counter_Dispatcher::new}).
 */
final class StartWiring {
    /** The options type of the client's start methods. */
    static final ClassName OPTIONS = RuntimeTypes.START_OPTIONS;

    private StartWiring() {
    }

    /** The default options, for the start methods without them. */
    static CodeBlock defaults() {
        return CodeBlock.of("$T.defaults()", OPTIONS);
    }

    /**
     * An expression of type {@code ServerRef} that starts the server.
     *
     * @param link     whether to link the server to the calling process
     * @param argument the variable passed to init, or {@code null} when init takes none
     * @param options  the variable holding the {@link #OPTIONS}
     */
    static CodeBlock start(ServerModel model, boolean link, String argument, String options) {
        return CodeBlock.of("$T.$L(new $T(), $L, $N)", RuntimeTypes.GEN_SERVERS, link ? "startLink" : "start",
                model.dispatcher(), argument == null ? "null" : CodeBlock.of("$N", argument), options);
    }
}
