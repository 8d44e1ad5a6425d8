package dev.peeper.processor.write;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.RuntimeTypes;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The client's methods about the server rather than its messages: the untyped handle, the current worker, the
 * statistics, {@code stop}, and {@code equals} / {@code hashCode} / {@code toString}.
 */
final class ClientHandleMethods {
    private final ServerModel model;
    private final String ref;

    /** Methods of a client of {@code model} that holds its handle in the field {@code ref}. */
    ClientHandleMethods(ServerModel model, String ref) {
        this.model = Objects.requireNonNull(model);
        this.ref = Objects.requireNonNull(ref);
    }

    /** Adds the methods that come before the message methods: the handle, the worker, the statistics. */
    void addTo(TypeSpec.Builder type) {
        type.addMethod(MethodSpec.methodBuilder("ref")
                .addModifiers(Modifier.PUBLIC)
                .returns(StartWiring.REF)
                .addJavadoc("The untyped handle of the server, for what the typed methods do not cover (raw\n"
                        + "messages, its state, code upgrades, {@code Sys} requests through {@code server()}).\n\n"
                        + "@return the handle this client sends through\n")
                .addStatement("return this.$N", ref)
                .build());
        type.addMethod(MethodSpec.methodBuilder("worker")
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeTypes.PID)
                .addJavadoc("The worker process running the {@link $T} callbacks now; it changes when a worker "
                        + "crashes\nand is restarted. Killing it ({@code Proc.exit(client.worker(), "
                        + "ExitReason.kill())}) loses no\ncompleted update.\n\n"
                        + "@return the current worker, or {@code null} in the instant between a crash and the "
                        + "restart\n", model.server())
                .addStatement("return this.$N.worker()", ref)
                .build());
        type.addMethod(MethodSpec.methodBuilder("statistics")
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeTypes.PEEPER_STATISTICS)
                .addJavadoc("How often the worker was restarted and why it last ended, messages handled, mailbox\n"
                        + "length and the current worker.\n\n@return the server's counters now\n")
                .addStatement("return this.$N.statistics()", ref)
                .build());
    }

    /** Adds the methods that come after the message methods: stop and the {@code Object} methods. */
    void addLastTo(TypeSpec.Builder type) {
        MethodSpec.Builder stop = MethodSpec.methodBuilder("stop")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Stops the server with reason {@code normal}");
        model.terminate().ifPresent(terminate -> stop.addJavadoc(" after {@code $L.$L} runs",
                model.server().simpleName(), terminate.signature()));
        type.addMethod(stop.addJavadoc(",\nonce the messages sent before have been handled, and returns when it "
                        + "has ended: its state is\ngone and its name free.\n")
                .addStatement("this.$N.stop()", ref)
                .build());
        type.addMethod(MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(Object.class, "other")
                .addJavadoc("Two clients are equal when they reach the server the same way (by pid or by name).\n")
                .addStatement("return other instanceof $T client && this.$N.equals(client.$N)", model.client(), ref,
                        ref)
                .build());
        type.addMethod(MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addStatement("return this.$N.hashCode()", ref)
                .build());
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $S + this.$N.server() + $S", model.client().simpleName() + "[", ref, "]")
                .build());
    }
}
