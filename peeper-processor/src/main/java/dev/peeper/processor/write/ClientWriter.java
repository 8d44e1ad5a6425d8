package dev.peeper.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.peeper.processor.model.ClientMethodModel;
import dev.peeper.processor.model.FailureModel;
import dev.peeper.processor.model.HandlerGroup;
import dev.peeper.processor.model.HandlerModel;
import dev.peeper.processor.model.ParameterModel;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.ClientMember;
import dev.peeper.processor.names.GeneratedNames;
import dev.peeper.processor.names.RuntimeTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.annotation.processing.Filer;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Writes the typed client: start methods, lookups, the handle's own methods, one method per call (blocking,
 * with a timeout, async), per cast and per info message, and stop. Methods appear in a fixed order: starting
 * and finding, the handle, then calls, casts and info sends each sorted by name, then the rest.
 */
public final class ClientWriter extends SourceFileGenerator {
    private static final ClassName DURATION = ClassName.get(Duration.class);
    private static final ClassName FUTURE = ClassName.get(CompletableFuture.class);
    private static final TypeName VOID_BOX = ClassName.get(Void.class);
    private static final String REF = "ref";
    private static final String CALL_TIMEOUT = "CALL_TIMEOUT";
    private static final ClassName CALL_FAILED = ClassName.get("dev.peeper.server", "CallFailedException");

    public ClientWriter(Filer filer, Elements elements, SourceVersion sourceVersion) {
        super(filer, elements, sourceVersion);
    }

    @Override
    protected TypeSpec.Builder write(ServerModel model) {
        TypeSpec.Builder type = TypeSpec.classBuilder(model.client())
                .addModifiers(model.isPublic() ? new Modifier[] {Modifier.PUBLIC, Modifier.FINAL}
                        : new Modifier[] {Modifier.FINAL})
                .addJavadoc(classJavadoc(model))
                .addField(callTimeoutField(model))
                .addField(FieldSpec.builder(StartWiring.REF, REF, Modifier.PRIVATE, Modifier.FINAL).build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(StartWiring.REF, REF)
                        .addStatement("this.$N = $N", REF, REF)
                        .build());
        new ClientStartMethods(model).addTo(type);
        ClientHandleMethods handle = new ClientHandleMethods(model, REF);
        handle.addTo(type);
        for (Method call : byName(model.calls())) {
            addCall(type, model, call.handler(), call.method());
        }
        for (Method cast : byName(model.casts())) {
            type.addMethod(send(model, cast, "cast", "Casts to {@code $L};\nreturns at once, and nothing is "
                    + "reported back.\n"));
        }
        for (Method info : byName(model.infos())) {
            type.addMethod(send(model, info, "send", "Sends a plain message, which reaches {@code $L};\n"
                    + "returns at once.\n"));
        }
        handle.addLastTo(type);
        return type;
    }

    /** The methods of the client of {@code model}, as the compiler tells them apart, in the order written. */
    public List<ClientMember> members(ServerModel model) {
        List<ClientMember> members = new ArrayList<>();
        for (MethodSpec method : write(model).build().methodSpecs()) {
            if (!method.isConstructor()) {
                members.add(new ClientMember(method.name(),
                        method.parameters().stream().map(p -> erased(p.type())).toList(),
                        method.modifiers().contains(Modifier.STATIC)));
            }
        }
        return List.copyOf(members);
    }

    private static String erased(TypeName type) {
        TypeName plain = type.withoutAnnotations();
        if (plain instanceof ParameterizedTypeName parameterized) {
            return parameterized.rawType().canonicalName();
        }
        if (plain instanceof ArrayTypeName array) {
            return erased(array.componentType()) + "[]";
        }
        if (plain instanceof ClassName name) {
            return name.canonicalName();
        }
        if (plain instanceof TypeVariableName variable) {
            return variable.bounds().isEmpty() ? "java.lang.Object" : erased(variable.bounds().get(0));
        }
        return plain.toString(); // a primitive
    }

    private static CodeBlock classJavadoc(ServerModel model) {
        return CodeBlock.builder()
                .add("A typed client of the {@link $T} server, generated from its handlers: each method sends\n"
                        + "one message and names the handler it reaches.\n\n", model.server())
                .add("<p>The server runs as a Peeper server: when its worker crashes or is killed, a new worker\n"
                        + "resumes from the state the last completed callback returned ({@code init} does not run "
                        + "again),\nand messages queued behind the crash are still served. Start one with "
                        + "{@code start},\n{@code startLink} or {@link #childSpec childSpec}, or reach a running one "
                        + "with\n{@link #named(Object)} or {@link #of($T)}.\n", RuntimeTypes.PID)
                .add(model.cluster() ? CodeBlock.of("\n<p>In a cluster, {@code startInCluster} runs it on the member "
                        + "that owns its cluster name, with its\nstate replicated, and {@code clusterStarter} describes "
                        + "it to a cluster start or supervisor; a call from\nany member reaches it, and it survives "
                        + "the death of its member with its state.\n") : CodeBlock.of(""))
                .add("\n<p>Errors: a checked exception a {@code handleCall} declares is a business error. The server "
                        + "answers the\ncall with it and carries on with its state unchanged, and the client method, "
                        + "which declares it\ntoo, throws that very exception (same type, message and cause). Any "
                        + "other exception in a\ncallback is a crash: the worker ends, the call fails with a "
                        + "{@code ServerExitException}, and\nthe restart counts toward the restart limit; so is a "
                        + "checked exception from a cast or an info\nmessage, which has no caller to answer.\n")
                .build();
    }

    private static FieldSpec callTimeoutField(ServerModel model) {
        CodeBlock value = model.callTimeout()
                .map(d -> CodeBlock.of("$T.ofMillis($L)", DURATION, d.toMillis()))
                .orElse(CodeBlock.of("$T.DEFAULT_CALL_TIMEOUT", RuntimeTypes.GEN_SERVERS));
        return FieldSpec.builder(DURATION, CALL_TIMEOUT, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(model.callTimeout().isPresent()
                        ? "How long a call waits for its reply unless given a {@code Duration}, from\n"
                        + "{@code @GenServer(callTimeout)}.\n"
                        : "How long a call waits for its reply unless given a {@code Duration}: the runtime's "
                        + "default.\n")
                .initializer(value)
                .build();
    }

    /** A client method and the handler it reaches. */
    private record Method(HandlerModel handler, ClientMethodModel method) {
    }

    private static List<Method> byName(HandlerGroup group) {
        List<Method> methods = new ArrayList<>();
        for (HandlerModel handler : group.typed()) {
            handler.clientMethods().forEach(method -> methods.add(new Method(handler, method)));
        }
        methods.sort(Comparator.comparing((Method m) -> m.method().name())
                .thenComparing(m -> m.method().message().toString()));
        return methods;
    }

    private void addCall(TypeSpec.Builder type, ServerModel model, HandlerModel call, ClientMethodModel method) {
        TypeName reply = call.reply().get();
        boolean isVoid = reply.equals(VOID_BOX);
        String target = model.server().simpleName() + "." + call.signature();

        NameAllocator names = new NameAllocator();
        List<Param> parameters = parameters(method, names);
        String timeout = names.newName("timeout");

        MethodSpec.Builder blocking = signature(method.name(), parameters, method.varargs())
                .returns(isVoid ? TypeName.VOID : reply)
                .addJavadoc("Calls {@code $L}\nand waits up to {@link #$L} for the reply.\n", target, CALL_TIMEOUT);
        documentParameters(blocking, parameters, method, true);
        documentCall(blocking, call, isVoid);
        blocking.addCode(answered(call, CodeBlock.of(isVoid ? "this.$N.call($L, $L)" : "return this.$N.call($L, $L)",
                REF, message(method, parameters), CALL_TIMEOUT), names.clone()));
        type.addMethod(blocking.build());

        MethodSpec.Builder timed = signature(method.name(), parameters, false) // varargs must come last
                .addParameter(DURATION, timeout)
                .returns(isVoid ? TypeName.VOID : reply)
                .addJavadoc("Calls {@code $L}\nand waits up to {@code $N} for the reply.\n", target, timeout);
        documentParameters(timed, parameters, method, true);
        timed.addJavadoc("@param $N how long to wait for the reply\n", timeout);
        documentCall(timed, call, isVoid);
        timed.addCode(answered(call, CodeBlock.of(isVoid ? "this.$N.call($L, $N)" : "return this.$N.call($L, $N)",
                REF, message(method, parameters), timeout), names.clone()));
        type.addMethod(timed.build());

        TypeName futureType = ParameterizedTypeName.get(FUTURE, reply);
        MethodSpec.Builder async = signature(GeneratedNames.asyncMethod(method.name()), parameters, method.varargs())
                .returns(futureType)
                .addJavadoc("Calls {@code $L}\nand returns at once. The future completes with the reply, or fails "
                        + "as the blocking call\nwould throw; it has no timeout of its own: add one with "
                        + "{@link $T#orTimeout}.\n", target, FUTURE);
        documentParameters(async, parameters, method, true);
        if (!call.answered().isEmpty()) {
            async.addJavadoc("A checked exception the handler declares fails the future with that exception itself, "
                    + "as the\nblocking call throws it ({@code join()} wraps it in a {@code CompletionException}, "
                    + "{@code get()} in an\n{@code ExecutionException}).\n");
        }
        async.addJavadoc("@return the reply, when it comes\n");
        CodeBlock sent = CodeBlock.of("this.$N.callAsync($L)", REF, message(method, parameters));
        if (!reply.equals(ClassName.OBJECT)) {
            // the reply's type is what the handler declared; the runtime carries it as Object
            async.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked")
                    .build());
            sent = CodeBlock.of("($T) ($T<?>) $L", futureType, FUTURE, sent);
        }
        if (call.answered().isEmpty()) {
            async.addStatement("return $L", sent);
        } else {
            CodeBlock receiver = reply.equals(ClassName.OBJECT) ? sent : CodeBlock.of("($L)", sent);
            async.addCode(answeredAsync(call, futureType, receiver, names.clone()));
        }
        type.addMethod(async.build());
    }

    /**
     * The async call of a handler that declares checked exceptions: a future of its own that fails with a declared
     * exception itself where the runtime's fails with a {@code CallFailedException} caused by it, as the blocking
     * call rethrows it. It is completed from the runtime's future, so its callbacks run where those would.
     */
    private static CodeBlock answeredAsync(HandlerModel call, TypeName futureType, CodeBlock sent,
                                           NameAllocator names) {
        String answer = names.newName("answer");
        String reply = names.newName("reply");
        String failure = names.newName("failure");
        String cause = names.newName("cause");
        String wrapped = names.newName("wrapped");
        String failed = names.newName("failed");
        CodeBlock.Builder code = CodeBlock.builder()
                .addStatement("$T $N = new $T<>()", futureType, answer, FUTURE)
                .add("$L.whenComplete(($N, $N) -> {\n$>", sent, reply, failure)
                .beginControlFlow("if ($N == null)", failure)
                .addStatement("$N.complete($N)", answer, reply)
                .addStatement("return")
                .endControlFlow()
                .addStatement("$T $N = $N instanceof $T $N && $N.getCause() != null\n? $N.getCause() : $N",
                        Throwable.class, cause, failure, CompletionException.class, wrapped, wrapped, wrapped,
                        failure);
        for (FailureModel declared : call.answered()) {
            String name = names.newName("declared");
            code.beginControlFlow("if ($N instanceof $T $N && $L)", cause, CALL_FAILED, failed,
                    isDeclared(declared, failed, name));
            code.addStatement("$N.completeExceptionally($N)", answer, name)
                    .addStatement("return")
                    .endControlFlow();
        }
        return code.addStatement("$N.completeExceptionally($N)", answer, cause)
                .add("$<});\n")
                .addStatement("return $N", answer)
                .build();
    }

    /**
     * Whether the cause of {@code failed}, a {@code CallFailedException}, is {@code failure} (binding it to
     * {@code declared}): for {@code Exception} or {@code Throwable}, a checked one only, since an unchecked cause is
     * not the handler's.
     */
    private static CodeBlock isDeclared(FailureModel failure, String failed, String declared) {
        if (failure.coversUnchecked()) {
            return CodeBlock.of("!($N.getCause() instanceof $T) && !($N.getCause() instanceof $T)\n$>$>"
                            + "&& $N.getCause() instanceof $T $N$<$<", failed, RuntimeException.class, failed,
                    Error.class, failed, failure.type(), declared);
        }
        return CodeBlock.of("$N.getCause() instanceof $T $N", failed, failure.type(), declared);
    }

    /**
     * The call statement, and for a handler that declares checked exceptions the code that rethrows them: the
     * server answered the call with one ({@code From.fail}), which arrives as the cause of a
     * {@code CallFailedException}, and the caller gets the exception itself.
     */
    private static CodeBlock answered(HandlerModel call, CodeBlock statement, NameAllocator names) {
        if (call.answered().isEmpty()) {
            return CodeBlock.builder().addStatement("$L", statement).build();
        }
        String failed = names.newName("failed");
        CodeBlock.Builder code = CodeBlock.builder()
                .beginControlFlow("try")
                .addStatement("$L", statement)
                .nextControlFlow("catch ($T $N)", CALL_FAILED, failed);
        for (FailureModel failure : call.answered()) {
            String declared = names.newName("declared");
            code.beginControlFlow("if ($L)", isDeclared(failure, failed, declared))
                    .addStatement("throw $N", declared)
                    .endControlFlow();
        }
        return code.addStatement("throw $N", failed).endControlFlow().build();
    }

    private static void documentCall(MethodSpec.Builder method, HandlerModel call, boolean isVoid) {
        if (!isVoid) {
            method.addJavadoc("@return the reply\n");
        }
        for (FailureModel failure : call.answered()) {
            method.addException(failure.type())
                    .addJavadoc("@throws $T when the handler throws it: a business error, answered to this caller; "
                            + "the server\n        carries on with its state unchanged (no crash, no restart)\n",
                            failure.type());
        }
        method.addJavadoc("@throws $T if no reply comes in time (the request may still be handled)\n",
                        ClassName.get("dev.peeper.server", "CallTimeoutException"))
                .addJavadoc("@throws $T if the server ends before replying, or is not running\n",
                        ClassName.get("dev.peeper.server", "ServerExitException"));
    }

    private MethodSpec send(ServerModel model, Method target, String how, String javadoc) {
        HandlerModel handler = target.handler();
        ClientMethodModel method = target.method();
        List<Param> parameters = parameters(method, new NameAllocator());
        MethodSpec.Builder send = signature(method.name(), parameters, method.varargs())
                .addJavadoc(javadoc, model.server().simpleName() + "." + handler.signature());
        documentParameters(send, parameters, method, false);
        return send.addStatement("this.$N.$L($L)", REF, how, message(method, parameters)).build();
    }

    /** A parameter with the name allocated for it in one method. */
    private record Param(TypeName type, String name, String component) {
    }

    private static List<Param> parameters(ClientMethodModel method, NameAllocator names) {
        names.newName(CALL_TIMEOUT, CALL_TIMEOUT); // a component of that name must not hide the field
        if (method.components().isPresent()) {
            List<Param> parameters = new ArrayList<>();
            for (ParameterModel component : method.components().get()) {
                parameters.add(new Param(component.type(), names.newName(component.name()),
                        component.name()));
            }
            return parameters;
        }
        return List.of(new Param(method.message(), names.newName(method.messageParam()), null));
    }

    private static MethodSpec.Builder signature(String name, List<Param> parameters, boolean varargs) {
        MethodSpec.Builder builder = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
        parameters.forEach(p -> builder.addParameter(p.type(), p.name()));
        return builder.varargs(varargs);
    }

    /** Documents the parameters, after a blank line if there are any tags ({@code moreTags}: more follow). */
    private static void documentParameters(MethodSpec.Builder builder, List<Param> parameters,
                                           ClientMethodModel method, boolean moreTags) {
        if (!parameters.isEmpty() || moreTags) {
            builder.addJavadoc("\n");
        }
        for (Param p : parameters) {
            if (p.component() != null) {
                builder.addJavadoc("@param $N the {@code $L} of the {@link $T} message\n", p.name(), p.component(),
                        rawType(method.message()));
            } else {
                builder.addJavadoc("@param $N the message\n", p.name());
            }
        }
    }

    private static TypeName rawType(TypeName type) {
        return type instanceof ParameterizedTypeName parameterized ? parameterized.rawType() : type;
    }

    /** The message expression: the record built from the parameters, or the parameter itself. */
    private static CodeBlock message(ClientMethodModel method, List<Param> parameters) {
        if (method.components().isEmpty()) {
            return CodeBlock.of("$N", parameters.get(0).name());
        }
        List<CodeBlock> arguments = parameters.stream().map(p -> CodeBlock.of("$N", p.name())).toList();
        return CodeBlock.of("new $T($L)", method.message(), CodeBlock.join(arguments, ", "));
    }
}
