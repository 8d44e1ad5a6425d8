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

/** The client's static methods: those that start a server, and those that find a running one. */
final class ClientStartMethods {
    private static final String REF = "ref";

    private final ServerModel model;

    ClientStartMethods(ServerModel model) {
        this.model = Objects.requireNonNull(model);
    }

    void addTo(TypeSpec.Builder type) {
        for (boolean link : new boolean[] {false, true}) {
            type.addMethod(start(link, false));
            type.addMethod(start(link, true));
        }
        ClassName client = model.client();
        type.addMethod(MethodSpec.methodBuilder("named")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(Object.class, "name")
                .addJavadoc("A client of whichever server is registered under the local name {@code name} at "
                        + "each use;\nnothing is checked until then.\n\n@param name the local name\n")
                .addStatement("return new $T($T.named(name))", client, RuntimeTypes.SERVER_REF)
                .build());
        type.addMethod(MethodSpec.methodBuilder("named")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(RuntimeTypes.PROCESS_NAME, "name")
                .addJavadoc("A client of whichever server is registered under {@code name} at each use, local "
                        + "or in\nanother registry.\n\n@param name the name\n")
                .addStatement("return new $T($T.named(name))", client, RuntimeTypes.SERVER_REF)
                .build());
        type.addMethod(MethodSpec.methodBuilder("of")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(RuntimeTypes.SERVER_REF, REF)
                .addJavadoc("A typed client over {@code ref}, which must be a {@link $T} server.\n\n"
                        + "@param ref the server's handle\n", model.server())
                .addStatement("return new $T($T.requireNonNull($N, $S))", client, Objects.class, REF, REF)
                .build());
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
                ? "Starts a {@link $T} server linked to the calling process, which must itself be a process\n"
                + "(a supervisor, say)"
                : "Starts a {@link $T} server, not linked to the caller", model.server());
        method.addJavadoc(withOptions ? "" : ", unnamed");
        method.addJavadoc(";\nreturns once {@code $L.$L} has built its first state.\n\n",
                model.server().simpleName(), model.init().signature());
        if (argument != null) {
            method.addJavadoc("@param $N passed to {@code init}\n", argument);
        }
        if (withOptions) {
            method.addParameter(StartWiring.OPTIONS, options)
                    .addJavadoc("@param $N its name and init timeout\n", options)
                    .addStatement("return new $T($L)", model.client(), StartWiring.start(model, link, argument,
                            options));
        } else {
            CodeBlock arguments = argument == null ? StartWiring.defaults()
                    : CodeBlock.of("$N, $L", argument, StartWiring.defaults());
            method.addStatement("return $L($L)", link ? "startLink" : "start", arguments);
        }
        return method.addJavadoc("@return a client of the started server\n")
                .addJavadoc("@throws $T if init failed, refused or timed out, or the name is taken\n",
                        ClassName.get("dev.peeper.server", "StartException"))
                .build();
    }
}
