package dev.peeper.processor;

import dev.peeper.processor.find.MissingTypes;
import dev.peeper.processor.find.ServerFinder;
import dev.peeper.processor.find.ServerSource;
import dev.peeper.processor.find.SourceReader;
import dev.peeper.processor.model.ModelBuilder;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.validate.Message;
import dev.peeper.processor.validate.ServerShape;
import dev.peeper.processor.validate.ServerValidator;
import dev.peeper.processor.validate.TypeSupport;
import dev.peeper.processor.validate.ValidationReport;
import dev.peeper.processor.write.ClientWriter;
import dev.peeper.processor.write.DispatcherWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The stages, per server class: <b>find</b> (read the class; defer it if a type it uses does not exist yet),
 * <b>validate</b> (report every problem; skip only this class if any is an error), <b>model</b> (names only)
 * and <b>write</b> (client and dispatcher). A failure in one class is reported on it and does not stop the
 * others.
 */
final class ServerPipeline {
    private final Messager messager;
    private final TypeElement annotation;
    private final ServerFinder finder;
    private final SourceReader reader;
    private final MissingTypes missingTypes;
    private final ServerValidator validator;
    private final ModelBuilder modelBuilder;
    private final ClientWriter clientWriter;
    private final DispatcherWriter dispatcherWriter;

    ServerPipeline(ProcessingEnvironment env) {
        TypeSupport support = new TypeSupport(env.getElementUtils(), env.getTypeUtils());
        this.messager = env.getMessager();
        this.annotation = env.getElementUtils().getTypeElement(SourceReader.GEN_SERVER);
        this.finder = new ServerFinder(env.getElementUtils());
        this.reader = new SourceReader(env.getElementUtils(), env.getTypeUtils());
        this.missingTypes = new MissingTypes(env.getTypeUtils());
        this.validator = new ServerValidator(support);
        this.modelBuilder = new ModelBuilder(support);
        this.clientWriter = new ClientWriter(env.getFiler(), env.getElementUtils(), env.getSourceVersion());
        this.dispatcherWriter = new DispatcherWriter(env.getFiler(), env.getElementUtils(), env.getSourceVersion());
    }

    void process(RoundEnvironment round) {
        for (Element element : finder.elementsFor(round, annotation)) {
            if (element instanceof TypeElement type) {
                processOne(type, round.processingOver());
            }
        }
    }

    private void processOne(TypeElement type, boolean lastRound) {
        try {
            ServerSource source = reader.read(type);
            Set<String> missing = missingTypes.in(source);
            if (!missing.isEmpty() && !type.getQualifiedName().isEmpty()) {
                if (lastRound) {
                    messager.printMessage(Diagnostic.Kind.ERROR, Message.MISSING_TYPE.format(type.getSimpleName(),
                            String.join(", ", missing)), type);
                } else {
                    finder.defer(type);
                }
                return;
            }
            ValidationReport report = new ValidationReport();
            Optional<ServerShape> shape = validator.validate(source, report);
            report.printTo(messager);
            if (shape.isPresent()) {
                ServerModel model = modelBuilder.build(shape.get());
                clientWriter.generate(model, type);
                dispatcherWriter.generate(model, type);
            }
        } catch (Exception | LinkageError e) {
            messager.printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(type.getSimpleName(),
                    trace(e)), type);
        }
    }

    static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
