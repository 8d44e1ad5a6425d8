package dev.peeper.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.peeper.processor.model.FailureModel;
import dev.peeper.processor.model.HandlerGroup;
import dev.peeper.processor.model.HandlerModel;
import dev.peeper.processor.model.InitModel;
import dev.peeper.processor.model.MigrationModel;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.GeneratedNames;
import dev.peeper.processor.names.RuntimeTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Writes the dispatch table: a {@code Dispatcher} whose callbacks switch over the message's type, most specific
 * type first, and call the server's overload for it. No reflection and no loop logic: the runtime's generic
 * loop owns everything else. A callback declares {@code throws Exception} only if a method it calls declares a
 * checked exception.
 */
public final class DispatcherWriter extends SourceFileGenerator {
    private static final String SERVER = "server";
    private static final String TYPED = "typed";

    public DispatcherWriter(Filer filer, Elements elements, SourceVersion sourceVersion) {
        super(filer, elements, sourceVersion);
    }

    @Override
    protected TypeSpec.Builder write(ServerModel model) {
        TypeSpec.Builder type = TypeSpec.classBuilder(model.dispatcher())
                .addModifiers(model.isPublic() ? new Modifier[] {Modifier.PUBLIC, Modifier.FINAL}
                        : new Modifier[] {Modifier.FINAL})
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.DISPATCHER, model.state()))
                .addJavadoc("Dispatches the messages of a {@link $T} server to its handler overloads by message "
                        + "type.\nCreate one per worker: each wraps a new server instance, so nothing a crashed "
                        + "worker left in its\nfields reaches the next one. {@code $T::new} is the factory a Peeper "
                        + "server takes.\n", model.server(), model.dispatcher())
                .addField(FieldSpec.builder(model.server(), SERVER, Modifier.PRIVATE, Modifier.FINAL)
                        .initializer("new $T()", model.server())
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("A dispatcher over a new {@link $T}.\n", model.server())
                        .build())
                .addMethod(init(model))
                .addMethod(handleCall(model))
                .addMethod(handleCast(model));
        if (!model.infos().isEmpty()) {
            type.addMethod(handleInfo(model));
        }
        if (!model.continues().isEmpty()) {
            type.addMethod(handleContinue(model));
        }
        model.terminate().ifPresent(terminate -> type.addMethod(
                callback("terminate", TypeName.VOID, terminate.throwsChecked())
                        .addParameter(RuntimeTypes.EXIT_REASON, "reason")
                        .addParameter(model.state(), "state")
                        .addJavadoc("Calls {@code $L.$L}.\n", model.server().simpleName(), terminate.signature())
                        .addStatement("this.$N.terminate(reason, state)", SERVER)
                        .build()));
        model.codeChange().ifPresent(codeChange -> type.addMethod(
                callback("codeChange", model.state(), codeChange.throwsChecked())
                        .addParameter(Object.class, "oldVersion")
                        .addParameter(model.state(), "state")
                        .addParameter(Object.class, "extra")
                        .addJavadoc("Calls {@code $L.$L}.\n", model.server().simpleName(), codeChange.signature())
                        .addStatement("return this.$N.codeChange(oldVersion, state, extra)", SERVER)
                        .build()));
        if (!model.migrations().isEmpty()) {
            type.addMethod(codeChangeFrom(model));
        }
        model.restore().ifPresent(restore -> type.addMethod(
                callback("restore", model.state(), restore.throwsChecked())
                        .addParameter(model.state(), "kept")
                        .addParameter(RuntimeTypes.EXIT_REASON, "lastExit")
                        .addJavadoc("Calls {@code $L.$L}, instead of init, when a restarted worker resumes.\n",
                                model.server().simpleName(), restore.signature())
                        .addStatement("return this.$N.restore(kept, lastExit)", SERVER)
                        .build()));
        model.handoff().ifPresent(handoff -> type.addMethod(
                callback("handoff", ParameterizedTypeName.get(RuntimeTypes.HANDOFF, model.state()),
                        handoff.throwsChecked())
                        .addParameter(model.state(), "state")
                        .addJavadoc("Calls {@code $L.$L} when the cluster moves the server's name to another member.\n",
                                model.server().simpleName(), handoff.signature())
                        .addStatement("return this.$N.handoff(state)", SERVER)
                        .build()));
        model.resolveConflict().ifPresent(resolveConflict -> type.addMethod(
                callback("resolveConflict", model.state(), resolveConflict.throwsChecked())
                        .addParameter(model.state(), "mine")
                        .addParameter(model.state(), "theirs")
                        .addJavadoc("Calls {@code $L.$L} when a healed cluster meets two incarnations of the "
                                + "server's name.\n", model.server().simpleName(), resolveConflict.signature())
                        .addStatement("return this.$N.resolveConflict(mine, theirs)", SERVER)
                        .build()));
        if (all(model.calls()).stream().anyMatch(HandlerModel::takesFrom)) {
            type.addMethod(typedFrom());
        }
        return type;
    }

    /**
     * The code change of an upgrade that may change the state type: a type switch over the old state that first
     * sends a state already of the state type, then anything else no overload takes (or {@code null}), to the
     * runtime's default, which checks it against the state type and calls codeChange, and each other old type to its
     * migrating codeChange overload.
     */
    private static MethodSpec codeChangeFrom(ServerModel model) {
        // throws Exception whatever the overloads declare: the runtime's default, called for any other state, does
        MethodSpec.Builder method = callback("codeChangeFrom", model.state(), true)
                .addParameter(Object.class, "oldVersion")
                .addParameter(Object.class, "oldState")
                .addParameter(Object.class, "extra")
                .addJavadoc("Migrates the state on an upgrade, by the old state's type, to {@link $T}'s\n<ul>\n",
                        model.server());
        for (MigrationModel migration : model.migrations()) {
            method.addJavadoc("  <li>{@code $L}</li>\n", migration.signature());
        }
        method.addJavadoc("</ul>\nAn old state already of type {@code $T}, and any other none of them takes ({@code null}\nincluded), goes to "
                + "{@link $T#codeChangeFrom the runtime's default}, which calls {@code codeChange}.\n",
                model.state(), RuntimeTypes.DISPATCHER);
        if (model.migrations().stream().anyMatch(MigrationModel::uncheckedCast)) {
            // the switch can test a parameterized old type only with wildcards; the old code kept that very type
            method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked").build());
        }
        CodeBlock toDefault = CodeBlock.of("$T.super.codeChangeFrom(oldVersion, oldState, extra)",
                RuntimeTypes.DISPATCHER);
        CodeBlock.Builder code = CodeBlock.builder().add("return switch (oldState) {\n$>")
                .add("case $T current -> $L;\n", wildcards(model.state()), toDefault);
        boolean unconditional = false;
        for (MigrationModel migration : model.migrations()) {
            CodeBlock old = migration.uncheckedCast() ? CodeBlock.of("($T) old", migration.oldState())
                    : CodeBlock.of("old");
            code.add("case $T old -> this.$N.codeChange(oldVersion, $L, extra);\n", migration.pattern(), SERVER,
                    old);
            unconditional |= migration.pattern().equals(ClassName.OBJECT);
        }
        // `case Object old` takes every state but null, and a switch may not have a default beside it
        code.add(unconditional ? "case null -> $L;\n" : "case null, default -> $L;\n", toDefault);
        return method.addCode(code.add("$<};\n").build()).build();
    }

    /** {@code type} as a type switch can test it: a parameterized type with wildcards ({@code List<?>}). */
    private static TypeName wildcards(TypeName type) {
        if (type instanceof ParameterizedTypeName parameterized) {
            return ParameterizedTypeName.get(parameterized.rawType(), parameterized.typeArguments().stream()
                    .map(argument -> WildcardTypeName.subtypeOf(Object.class))
                    .toArray(TypeName[]::new));
        }
        return type;
    }

    private static MethodSpec.Builder callback(String name, TypeName returns, boolean throwsChecked) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns);
        return throwsChecked ? method.addException(Exception.class) : method;
    }

    private static TypeName result(ServerModel model) {
        return ParameterizedTypeName.get(RuntimeTypes.RESULT, model.state());
    }

    private static List<HandlerModel> all(HandlerGroup group) {
        List<HandlerModel> all = new ArrayList<>(group.typed());
        group.catchAll().ifPresent(all::add);
        return all;
    }

    /**
     * Whether a dispatching callback must declare {@code throws Exception}: a handler it calls does, or it falls
     * back to an interface default that declares it (handleContinue's) for want of a catch-all overload.
     */
    private static boolean throwsChecked(HandlerGroup group, boolean fallsBackToDefault) {
        return all(group).stream().anyMatch(HandlerModel::throwsChecked)
                || (fallsBackToDefault && group.catchAll().isEmpty());
    }

    private static MethodSpec init(ServerModel model) {
        InitModel init = model.init();
        MethodSpec.Builder method = callback("init", result(model), init.throwsChecked())
                .addParameter(Object.class, "argument")
                .addJavadoc("Calls {@code $L.$L}.\n", model.server().simpleName(), init.signature());
        CodeBlock argument = init.argument()
                .map(a -> a.type().equals(ClassName.OBJECT) ? CodeBlock.of("argument")
                        : CodeBlock.of("($T) argument", a.type().box()))
                .orElse(CodeBlock.of(""));
        if (init.uncheckedCast()) {
            // the generated client's start methods accept only the declared type
            method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked").build());
        }
        CodeBlock call = CodeBlock.of("this.$N.init($L)", SERVER, argument);
        return init.returnsResult()
                ? method.addStatement("return $L", call).build()
                : method.addStatement("return $T.of($L)", RuntimeTypes.NEXT, call).build();
    }

    private MethodSpec handleCall(ServerModel model) {
        MethodSpec.Builder method = callback("handleCall", result(model), throwsChecked(model.calls(), false))
                .addParameter(Object.class, "request")
                .addParameter(ParameterizedTypeName.get(RuntimeTypes.FROM, ClassName.OBJECT), "from")
                .addParameter(model.state(), "state");
        document(method, model, model.calls(), "handleCall",
                "the caller is answered with an IllegalArgumentException, and the state is kept");
        CodeBlock unhandled = CodeBlock.builder()
                .addStatement("from.fail(new $T(\n$S + request.getClass().getName()))",
                        IllegalArgumentException.class, model.server().simpleName() + " has no handleCall for ")
                .build();
        return method.addCode(dispatch(model, model.calls(), "handleCall", "request", unhandled,
                CodeBlock.of("$T.of(state)", RuntimeTypes.NEXT))).build();
    }

    private MethodSpec handleCast(ServerModel model) {
        MethodSpec.Builder method = callback("handleCast", result(model), throwsChecked(model.casts(), false))
                .addParameter(Object.class, "request")
                .addParameter(model.state(), "state");
        document(method, model, model.casts(), "handleCast",
                "it is logged and ignored, like an unexpected info message, and the state is kept");
        return method.addCode(dispatch(model, model.casts(), "handleCast", "request", null,
                CodeBlock.of("ignoreUnexpected($S, request, state)", "handleCast"))).build();
    }

    private MethodSpec handleInfo(ServerModel model) {
        MethodSpec.Builder method = callback("handleInfo", result(model), throwsChecked(model.infos(), false))
                .addParameter(Object.class, "message")
                .addParameter(model.state(), "state");
        document(method, model, model.infos(), "handleInfo", "it is logged and ignored, and the state is kept");
        return method.addCode(dispatch(model, model.infos(), "handleInfo", "message", null,
                CodeBlock.of("ignoreUnexpected($S, message, state)", "handleInfo"))).build();
    }

    private MethodSpec handleContinue(ServerModel model) {
        MethodSpec.Builder method = callback("handleContinue", result(model), throwsChecked(model.continues(), true))
                .addParameter(Object.class, "continuation")
                .addParameter(model.state(), "state");
        document(method, model, model.continues(), "handleContinue",
                "the server fails, as the runtime's default does");
        return method.addCode(dispatch(model, model.continues(), "handleContinue", "continuation", null,
                CodeBlock.of("$T.super.handleContinue(continuation, state)", RuntimeTypes.DISPATCHER))).build();
    }

    private static void document(MethodSpec.Builder method, ServerModel model, HandlerGroup group, String callback,
                                 String otherwise) {
        List<HandlerModel> all = all(group);
        if (all.isEmpty()) {
            method.addJavadoc("Handles no message: {@link $T} declares no $L, so\n$L.\n", model.server(), callback,
                    otherwise);
            return;
        }
        method.addJavadoc("Dispatches by message type, most specific first, to {@link $T}'s\n<ul>\n",
                model.server());
        for (HandlerModel handler : all) {
            method.addJavadoc("  <li>{@code $L}</li>\n", handler.signature());
        }
        method.addJavadoc("</ul>\n");
        if (group.catchAll().isEmpty()) {
            method.addJavadoc("Any other message:\n$L.\n", otherwise);
        }
    }

    /**
     * The body of a dispatching callback: a type switch with one arm per typed overload, most specific first,
     * and a default arm for the catch-all overload or, without one, {@code unhandledThen} after the statements
     * {@code unhandled}.
     */
    private static CodeBlock dispatch(ServerModel model, HandlerGroup group, String callback, String messageParam,
                                      CodeBlock unhandled, CodeBlock unhandledThen) {
        NameAllocator taken = new NameAllocator();
        for (String name : List.of(SERVER, TYPED, messageParam, "from", "state")) {
            taken.newName(name, name);
        }
        Optional<HandlerModel> catchAll = group.catchAll();
        CodeBlock fallback = catchAll.map(h -> invoke(model, callback, h, messageParam)).orElse(unhandledThen);
        boolean fallbackAnswers = catchAll.isPresent() && !catchAll.get().answered().isEmpty();
        boolean runUnhandled = catchAll.isEmpty() && unhandled != null;
        CodeBlock.Builder code = CodeBlock.builder();
        if (group.typed().isEmpty()) {
            if (runUnhandled) {
                code.add(unhandled);
            }
            return fallbackAnswers ? code.add(answering(catchAll.get(), fallback, "return", taken.clone())).build()
                    : code.addStatement("return $L", fallback).build();
        }
        code.add("return switch ($N) {\n$>", messageParam);
        for (HandlerModel handler : group.typed()) {
            NameAllocator arm = taken.clone();
            String binding = arm.newName(GeneratedNames.variable(handler.messageName()), handler);
            CodeBlock call = invoke(model, callback, handler, binding);
            if (handler.answered().isEmpty()) {
                code.add("case $T $N -> $L;\n", handler.message(), binding, call);
            } else {
                code.add("case $T $N -> {\n$>", handler.message(), binding)
                        .add(answering(handler, call, "yield", arm))
                        .add("$<}\n");
            }
        }
        if (fallbackAnswers) {
            code.add("default -> {\n$>").add(answering(catchAll.get(), fallback, "yield", taken.clone())).add("$<}\n");
        } else if (runUnhandled) {
            code.add("default -> {\n$>").add(unhandled).addStatement("yield $L", fallback).add("$<}\n");
        } else {
            code.add("default -> $L;\n", fallback);
        }
        return code.add("$<};\n").build();
    }

    /**
     * Runs {@code call}, a handleCall that declares checked exceptions, and answers its caller with any of them
     * instead of crashing: a declared checked exception is a business error ("insufficient funds"), for the caller
     * to handle, and the state stays as it was. Unchecked exceptions still crash the worker, even when the handler
     * declares {@code Exception} or {@code Throwable}. {@code keyword} is {@code yield} or {@code return}.
     */
    private static CodeBlock answering(HandlerModel handler, CodeBlock call, String keyword, NameAllocator names) {
        String failure = names.newName("failure");
        CodeBlock.Builder code = CodeBlock.builder()
                .beginControlFlow("try")
                .addStatement("$L $L", keyword, call);
        if (handler.answered().stream().anyMatch(FailureModel::coversUnchecked)) {
            String crash = names.newName("crash");
            code.nextControlFlow("catch ($T | $T $N)", RuntimeException.class, Error.class, crash)
                    .addStatement("throw $N", crash);
        }
        CodeBlock types = CodeBlock.join(handler.answered().stream().map(f -> CodeBlock.of("$T", f.type())).toList(),
                " | ");
        return code.nextControlFlow("catch ($L $N)", types, failure)
                .add("// declared: a business error for the caller; the worker carries on with its state\n")
                .addStatement("from.fail($N)", failure)
                .addStatement("$L $T.of(state)", keyword, RuntimeTypes.NEXT)
                .endControlFlow()
                .build();
    }

    private static CodeBlock invoke(ServerModel model, String callback, HandlerModel handler, String message) {
        if (handler.takesFrom()) {
            return CodeBlock.of("this.$N.$L($N, $T.<$T>$N(from), state)", SERVER, callback, message,
                    model.dispatcher(), handler.reply().orElseThrow(), TYPED);
        }
        return CodeBlock.of("this.$N.$L($N, state)", SERVER, callback, message);
    }

    /** The caller as a handler declares it: the client that sent the call expects that reply type. */
    private static MethodSpec typedFrom() {
        TypeVariableName r = TypeVariableName.get("R");
        TypeName fromR = ParameterizedTypeName.get(RuntimeTypes.FROM, r);
        return MethodSpec.methodBuilder(TYPED)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariable(r)
                .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                        .addMember("value", "$S", "unchecked").build())
                .returns(fromR)
                .addParameter(ParameterizedTypeName.get(RuntimeTypes.FROM, ClassName.OBJECT), "from")
                .addJavadoc("The caller as the handler declares it; the generated client reads the reply as that "
                        + "type.\n")
                .addStatement("return ($T) ($T<?>) from", fromR, RuntimeTypes.FROM)
                .build();
    }
}
