package dev.peeper.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.RuntimeTypes;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The one place that decides how a generated client starts its server: as a Peeper server
 * ({@code dev.peeper.durable.Peeper}: a front process that owns the mailbox and the keeper, and a worker that runs
 * the callbacks), taking {@code PeeperOptions}. The implementation is the dispatcher's constructor
 * ({@code Counter_Dispatcher::new}), so every worker, first or restarted, gets a fresh server instance. A server
 * with {@code @GenServer(stateCopy = COPY_METHOD)} has its {@code copyState} added to the options.
 */
final class StartWiring {
    /** The options type of the client's start methods. */
    static final ClassName OPTIONS = RuntimeTypes.PEEPER_OPTIONS;
    /** The untyped handle a client wraps, which {@link #start} returns. */
    static final ClassName REF = RuntimeTypes.PEEPER_REF;
    /** The client's private helper that adds the server's copyState to the options it starts with. */
    private static final String STATE_COPY_HELPER = "withStateCopy";

    private StartWiring() {
    }

    /** The default options, for the start methods without them. */
    static CodeBlock defaults() {
        return CodeBlock.of("$T.defaults()", OPTIONS);
    }

    /**
     * An expression of type {@code PeeperRef} that starts the server.
     *
     * @param link     whether to link the server to the calling process
     * @param argument the variable passed to init, or {@code null} when init takes none
     * @param options  the variable holding the {@link #OPTIONS}
     */
    static CodeBlock start(ServerModel model, boolean link, String argument, String options) {
        return CodeBlock.of("$T.$L($T::new, $L, $L)", RuntimeTypes.PEEPER, link ? "startLink" : "start",
                model.dispatcher(), argument(argument), options(model, options));
    }

    /**
     * An expression of type {@code ChildSpec} that runs the server under a supervisor.
     *
     * @param id       the variable holding the child's id
     * @param argument the variable passed to init, or {@code null} when init takes none
     * @param options  the variable holding the {@link #OPTIONS}
     */
    static CodeBlock childSpec(ServerModel model, String id, String argument, String options) {
        return CodeBlock.of("$T.childSpec($N, $T::new, $L, $L)", RuntimeTypes.PEEPER, id, model.dispatcher(),
                argument(argument), options(model, options));
    }

    /**
     * The client's private helper that adds the server's {@code copyState} to the options, for a server with
     * {@code @GenServer(stateCopy = COPY_METHOD)}; none for any other. Options that already name a copy
     * strategy keep it: whoever starts the server may know better. Each call makes its own server instance to copy
     * with, so no two servers share one.
     */
    static Optional<MethodSpec> stateCopyHelper(ServerModel model) {
        if (model.copyState().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(MethodSpec.methodBuilder(STATE_COPY_HELPER)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(OPTIONS)
                .addParameter(OPTIONS, "options")
                .addJavadoc("{@code options} with {@code $L.$L} as the way the keeper copies the state, from\n"
                                + "{@code @GenServer(stateCopy = COPY_METHOD)}, unless they name a copy strategy of "
                                + "their own.\n", model.server().simpleName(), model.copyState().get().signature())
                .addStatement("return options.stateCopy() != $T.none() ? options\n: options.withStateCopy($T.<$T>of("
                                + "new $T()::copyState))", RuntimeTypes.STATE_COPY, RuntimeTypes.STATE_COPY,
                        model.state(), model.server())
                .build());
    }

    /**
     * What a cluster starter adds to its options after the replicated keeper and the name, as the last arguments of
     * {@code ClusterStarters.peeper}: the server's {@code copyState} through the same helper (a method reference,
     * so it travels with the starter), or nothing.
     */
    static CodeBlock clusterOptions(ServerModel model) {
        return model.copyState().isPresent() ? CodeBlock.of(", $T::$N", model.client(), STATE_COPY_HELPER)
                : CodeBlock.of("");
    }

    private static CodeBlock argument(String argument) {
        return argument == null ? CodeBlock.of("null") : CodeBlock.of("$N", argument);
    }

    private static CodeBlock options(ServerModel model, String options) {
        return model.copyState().isPresent()
                ? CodeBlock.of("$N($N)", STATE_COPY_HELPER, options)
                : CodeBlock.of("$N", options);
    }
}
