package dev.peeper.processor;

import dev.peeper.processor.find.MissingTypes;
import dev.peeper.processor.find.ServerFinder;
import dev.peeper.processor.find.ServerSource;
import dev.peeper.processor.find.SourceReader;
import dev.peeper.processor.model.ModelBuilder;
import com.sun.source.util.Trees;
import dev.peeper.processor.model.HandlerGroup;
import dev.peeper.processor.model.ServerModel;
import dev.peeper.processor.names.ClientMember;
import dev.peeper.processor.validate.ClientApiRules;
import dev.peeper.processor.validate.GeneratedTypeRules;
import dev.peeper.processor.validate.Message;
import dev.peeper.processor.validate.ServerShape;
import dev.peeper.processor.validate.ServerShape.HandlerShape;
import dev.peeper.processor.validate.ServerValidator;
import dev.peeper.processor.validate.TypeSupport;
import dev.peeper.processor.validate.ValidationReport;
import dev.peeper.processor.write.ClientWriter;
import dev.peeper.processor.write.DispatcherWriter;
import dev.peeper.processor.write.SourceFileGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.FilerException;
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
    private final ClientApiRules clientApiRules;
    private final GeneratedTypeRules generatedTypeRules;

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
        this.clientApiRules = new ClientApiRules(support);
        this.generatedTypeRules = new GeneratedTypeRules(env.getElementUtils(), fromSource(env),
                SourceFileGenerator.GENERATOR);
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
                ValidationReport generated = checkGenerated(shape.get(), model);
                if (!generated.hasErrors()) {
                    write(model, source, generated);
                }
                generated.printTo(messager);
            }
        } catch (Exception | LinkageError e) {
            messager.printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(type.getSimpleName(),
                    trace(e)), type);
        }
    }

    /**
     * Checks what the writers would generate for {@code model}: the client's methods, each handler's rendered on
     * its own so that a clash names the handler that causes it, and the names of the generated classes.
     */
    private ValidationReport checkGenerated(ServerShape shape, ServerModel model) {
        ValidationReport report = new ValidationReport();
        HandlerGroup none = new HandlerGroup(List.of(), Optional.empty());
        List<ClientMember> fixed = clientWriter.members(model.withClientHandlers(none, none, none));
        List<ClientApiRules.Added> added = new ArrayList<>();
        for (HandlerShape handler : shape.handlers()) {
            HandlerGroup one = new HandlerGroup(List.of(modelBuilder.handler(handler, shape.handlers(),
                    model.server().packageName())), Optional.empty());
            ServerModel alone = switch (handler.callback().kind()) {
                case CALL -> model.withClientHandlers(one, none, none);
                case CAST -> model.withClientHandlers(none, one, none);
                case INFO -> model.withClientHandlers(none, none, one);
                default -> null; // handleContinue adds no client method
            };
            if (alone != null) {
                List<ClientMember> members = new ArrayList<>(clientWriter.members(alone));
                fixed.forEach(members::remove);
                added.add(new ClientApiRules.Added(handler, List.copyOf(members)));
            }
        }
        clientApiRules.check(fixed, added, report);
        generatedTypeRules.check(shape.source().type(), shape.source().options(),
                List.of(model.client().canonicalName(), model.dispatcher().canonicalName()), report);
        return report;
    }

    /** Writes the client, then the dispatcher; a file the compiler refuses to create is reported, not thrown. */
    private void write(ServerModel model, ServerSource source, ValidationReport report) throws IOException {
        TypeElement type = source.type();
        try {
            clientWriter.generate(model, type);
        } catch (FilerException e) {
            GeneratedTypeRules.reportRefused(type, source.options(), model.client().canonicalName(), e.getMessage(),
                    true, report);
            return;
        }
        try {
            dispatcherWriter.generate(model, type);
        } catch (FilerException e) {
            GeneratedTypeRules.reportRefused(type, source.options(), model.dispatcher().canonicalName(),
                    e.getMessage(), false, report);
        }
    }

    /** Whether {@code type} is compiled from source in this compilation; {@code false} where javac's trees are absent. */
    private static Predicate<TypeElement> fromSource(ProcessingEnvironment env) {
        try {
            Trees trees = Trees.instance(env);
            return type -> trees.getPath(type) != null;
        } catch (IllegalArgumentException | LinkageError e) { // another compiler: the Filer's own check remains
            return type -> false;
        }
    }

    static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
