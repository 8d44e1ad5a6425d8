package dev.peeper.processor;

import com.google.auto.service.AutoService;
import dev.peeper.processor.find.SourceReader;
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
 * exception ever reaches javac. It claims no annotation, so other processors still see {@code @GenServer}.
 *
 * <p>Isolating for Gradle's incremental compilation: each generated file has exactly one originating element,
 * its server class, and depends only on what that class's declarations reach (see
 * {@code META-INF/gradle/incremental.annotation.processors}).
 */
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
        return Set.of(SourceReader.GEN_SERVER);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            pipeline.process(round);
        } catch (Throwable t) { // never let javac see an exception: report it and carry on
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Message.INTERNAL_ERROR.format("this round", ServerPipeline.trace(t)));
        }
        return false;
    }
}
