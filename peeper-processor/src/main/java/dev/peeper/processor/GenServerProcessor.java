package dev.peeper.processor;

import com.google.auto.service.AutoService;
import dev.peeper.processor.validate.Message;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates a typed client and a dispatch table for each {@code @GenServer} class. The work is in
 * {@link ServerPipeline} (find, validate, model, write); this class only hands it each round and makes sure no
 * exception ever reaches javac.
 *
 * <p>It claims {@code @GenServer}, and the {@code @Generated} on what it writes (see {@link Claims}), where most
 * processors claim nothing (AutoService returns {@code false}): a user's {@code -Xlint:all -Werror} build
 * otherwise fails on javac's "No processor claimed any of these annotations". The claim hides nothing that
 * another processor should see: {@code @GenServer} is Peeper's own, and only this processor's output carries its
 * {@code @Generated}. A claim only removes an annotation from the set javac hands to the processors that come
 * later in the round; any processor still finds the annotated elements through
 * {@link RoundEnvironment#getElementsAnnotatedWith} once javac runs it. The cost: javac runs a processor only
 * while an annotation it supports is unclaimed (or once it has run), so a processor placed <em>after</em> this one
 * on the processor path that supports {@code @GenServer} by name never runs, and one that supports {@code "*"}
 * skips a round whose only annotations are Peeper's (it runs in the next round, whose generated sources carry
 * {@code @Override}). Put such a processor first on the path; any further Peeper processor of {@code @GenServer}
 * must run before this one.
 *
 * <p>Isolating for Gradle's incremental compilation: each generated file has exactly one originating element,
 * its server class, and depends only on what that class's declarations reach (see
 * {@code META-INF/gradle/incremental.annotation.processors}).
 */
@SuppressWarnings("exports") // @AutoService is read at compile time only: its module is not for users to read
@AutoService(Processor.class)
public final class GenServerProcessor extends AbstractProcessor {
    private ServerPipeline pipeline;

    /** Made by javac's service loader, which finds it through {@code META-INF/services}; nothing to set up yet. */
    public GenServerProcessor() {
    }

    @Override
    public void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        pipeline = new ServerPipeline(processingEnv);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Claims.supported();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            pipeline.process(round);
            return Claims.claim(annotations, round);
        } catch (Throwable t) { // never let javac see an exception: report it and carry on
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.INTERNAL_ERROR.format("this round", ServerPipeline.trace(t)));
            return false;
        }
    }
}
