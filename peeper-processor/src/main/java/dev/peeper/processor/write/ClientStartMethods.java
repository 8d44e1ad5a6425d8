package dev.peeper.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.RuntimeTypes;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/** The client's static methods: those that start a server or describe it to a supervisor, and lookups. */
final class ClientStartMethods {
    private final ServerModel model;

    ClientStartMethods(ServerModel model) {
        this.model = Objects.requireNonNull(model);
    }

    void addTo(TypeSpec.Builder type) {
        for (boolean link : new boolean[] {false, true}) {
            type.addMethod(start(link, false));
            type.addMethod(start(link, true));
        }
        type.addMethod(childSpec());
        new ClientClusterMethods(model).addTo(type);
        ClassName client = model.client();
        type.addMethod(MethodSpec.methodBuilder("named")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(Object.class, "name")
                .addJavadoc("A client of whichever server is registered under the local name {@code name} at "
                        + "each use;\nnothing is checked until then.\n\n@param name the local name\n"
                        + "@return a client that looks the name up on each use\n")
                .addStatement("return new $T($T.named(name))", client, StartWiring.REF)
                .build());
        type.addMethod(MethodSpec.methodBuilder("named")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(RuntimeTypes.PROCESS_NAME, "name")
                .addJavadoc("A client of whichever server is registered under {@code name} at each use, local "
                        + "or in\nanother registry.\n\n@param name the name\n"
                        + "@return a client that looks the name up on each use\n")
                .addStatement("return new $T($T.named(name))", client, StartWiring.REF)
                .build());
        type.addMethod(MethodSpec.methodBuilder("of")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(StartWiring.REF, "ref")
                .addJavadoc("A typed client over {@code ref}, which must be a {@link $T} server.\n\n"
                        + "@param ref the server's handle\n@return a client of that server\n", model.server())
                .addStatement("return new $T($T.requireNonNull(ref, $S))", client, Objects.class, "ref")
                .build());
        type.addMethod(MethodSpec.methodBuilder("of")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(RuntimeTypes.PID, "pid")
                .addJavadoc("A typed client of the {@link $T} server {@code pid}: the server's own pid, which "
                        + "stays the same\nacross worker restarts (not a worker's).\n\n"
                        + "@param pid the server's pid\n@return a client of that server\n", model.server())
                .addStatement("return new $T($T.of(pid))", client, StartWiring.REF)
                .build());
        StartWiring.stateCopyHelper(model).ifPresent(type::addMethod);
    }

    private MethodSpec start(boolean link, boolean withOptions) {
        NameAllocator names = new NameAllocator();
        String argument = model.init().argument().map(a -> names.newName(a.name())).orElse(null);
        String options = names.newName("options");
        MethodSpec.Builder method = MethodSpec.methodBuilder(link ? "startLink" : "start")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(model.client());
        model.init().argument().ifPresent(a -> method.addParameter(a.type(), argument));
        method.addJavadoc(link
                ? "Starts a {@link $T} Peeper server linked to the calling process, which must itself be a\n"
                + "process (a supervisor, say)"
                : "Starts a {@link $T} Peeper server, not linked to the caller", model.server());
        method.addJavadoc(withOptions ? "" : ", unnamed");
        method.addJavadoc(";\nreturns once {@code $L.$L} has built its first state.\n\n",
                model.server().simpleName(), model.init().signature());
        if (argument != null) {
            method.addJavadoc("@param $N passed to {@code init}\n", argument);
        }
        if (withOptions) {
            method.addParameter(StartWiring.OPTIONS, options);
            documentOptions(method, options);
            method.addStatement("return new $T($L)", model.client(), StartWiring.start(model, link, argument,
                    options));
        } else {
            CodeBlock arguments = argument == null ? StartWiring.defaults()
                    : CodeBlock.of("$N, $L", argument, StartWiring.defaults());
            method.addStatement("return $L($L)", link ? "startLink" : "start", arguments);
        }
        return method.addJavadoc("@return a client of the started server\n")
                .addJavadoc("@throws $T if init failed, refused or timed out, or the name is taken\n",
                        RuntimeTypes.START_EXCEPTION)
                .build();
    }

    private MethodSpec childSpec() {
        NameAllocator names = new NameAllocator();
        String id = names.newName("id");
        String argument = model.init().argument().map(a -> names.newName(a.name())).orElse(null);
        String options = names.newName("options");
        MethodSpec.Builder method = MethodSpec.methodBuilder("childSpec")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(RuntimeTypes.CHILD_SPEC)
                .addParameter(Object.class, id);
        model.init().argument().ifPresent(a -> method.addParameter(a.type(), argument));
        method.addParameter(StartWiring.OPTIONS, options)
                .addJavadoc("A child spec that runs a {@link $T} Peeper server under a supervisor, as a transient "
                        + "worker.\nThe server restarts its own worker after a crash, from the kept state, unseen by "
                        + "the\nsupervisor; the supervisor restarts the whole server (running {@code init} again) "
                        + "only if it\ngives up after too many worker restarts, and not after a {@code stop()}. "
                        + "Reach it by the name\nin {@code $N}.\n\n"
                        + "@param $N the child's id in its supervisor\n", model.server(), options, id);
        if (argument != null) {
            method.addJavadoc("@param $N passed to {@code init} on each start\n", argument);
        }
        documentOptions(method, options);
        return method.addJavadoc("@return the child spec\n")
                .addStatement("return $L", StartWiring.childSpec(model, id, argument, options))
                .build();
    }

    private void documentOptions(MethodSpec.Builder method, String options) {
        method.addJavadoc("@param $N its name, listener, restart intensity and keeper", options);
        if (model.copyState().isPresent()) {
            method.addJavadoc("; unless they name a copy\n       strategy, {@code $L.$L} copies the state",
                    model.server().simpleName(), model.copyState().get().signature());
        }
        method.addJavadoc("\n");
    }
}
