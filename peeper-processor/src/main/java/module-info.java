/**
 * The {@code @GenServer} annotation processor, {@link dev.peeper.processor.GenServerProcessor}. Put it on the
 * annotation processor path; javac finds it as a service, on the processor path or the processor module path.
 * Only its package is exported (to name the processor with {@code -processor}); the stages it runs live in
 * packages of their own and are not API.
 */
@SuppressWarnings("requires-automatic") // JavaPoet and AutoService name their modules in their manifests only
module dev.peeper.processor {
    requires transitive java.compiler; // GenServerProcessor is an AbstractProcessor
    requires static jdk.compiler; // Trees, where javac runs it; another compiler goes without (see ServerPipeline)
    requires dev.peeper.annotations;
    requires com.palantir.javapoet;
    requires static com.google.auto.service; // @AutoService is read at compile time only

    exports dev.peeper.processor;

    provides javax.annotation.processing.Processor with dev.peeper.processor.GenServerProcessor;
}
