package dev.peeper.processor.validate;

import dev.peeper.processor.find.ServerOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Checks that the classes a server generates can be created: no other server of this compilation generates a
 * class of the same name ({@code Shop.Cart} and a top-level {@code Shop_Cart} both give {@code Shop_CartClient}),
 * and no class written by hand has it ({@code clientName = "Shop"}, or a {@code CounterClient} of one's own).
 * Remembers the names claimed so far, so one instance serves the whole compilation.
 */
public final class GeneratedTypeRules {
    private final Elements elements;
    private final Predicate<TypeElement> fromSource;
    private final String generator;
    /** Generated qualified name → the server that claimed it. */
    private final Map<String, String> claimed = new HashMap<>();

    /**
     * @param fromSource whether a type is compiled from source now (a class file on the class path, such as this
     *                   processor's own output from an earlier build, is simply replaced)
     * @param generator  the {@code @Generated} value this processor writes, which marks a type as its own
     */
    public GeneratedTypeRules(Elements elements, Predicate<TypeElement> fromSource, String generator) {
        this.elements = elements;
        this.fromSource = fromSource;
        this.generator = generator;
    }

    /**
     * Checks the {@code generated} qualified names of {@code server} (client first); claims them if they are free.
     */
    public void check(TypeElement server, ServerOptions options, List<String> generated, ValidationReport report) {
        String serverName = server.getQualifiedName().toString();
        boolean ok = true;
        for (String name : generated) {
            String owner = claimed.get(name);
            String problem = null;
            if (owner != null && !owner.equals(serverName)) {
                problem = "@GenServer class " + owner + " generates a class of that name too";
            } else {
                TypeElement existing = elements.getTypeElement(name);
                if (existing != null && owner == null && fromSource.test(existing) && !isOurs(existing, serverName)) {
                    problem = "a class of that name is already declared in the sources";
                }
            }
            if (problem != null) {
                ok = false;
                reportClash(server, options, name, problem, name.equals(generated.get(0)), report);
            }
        }
        if (ok) {
            generated.forEach(name -> claimed.put(name, serverName));
        }
    }

    /** Reports that the compiler refused to create {@code name} (a clash no check above foresaw). */
    public static void reportRefused(TypeElement server, ServerOptions options, String name, String why,
                                     boolean isClient, ValidationReport report) {
        reportClash(server, options, name, "the compiler refused to create it (" + why + ")", isClient, report);
    }

    private static void reportClash(TypeElement server, ServerOptions options, String name, String problem,
                                    boolean isClient, ValidationReport report) {
        boolean chosen = isClient && !options.clientName().isEmpty();
        String fix = chosen ? "Choose another clientName"
                : isClient ? "Rename one of the classes, or give this server's client another name with "
                + "@GenServer(clientName = \"...\")"
                : "Rename one of the classes (the dispatcher is named after the server)";
        if (chosen) {
            report.report(Message.GENERATED_TYPE_CLASH, server, options.annotation(), options.clientNameValue(),
                    server.getSimpleName(), name, problem, fix);
        } else {
            report.report(Message.GENERATED_TYPE_CLASH, server, server.getSimpleName(), name, problem, fix);
        }
    }

    /** Whether {@code type} is this processor's output for {@code server}, from an earlier round or build. */
    private boolean isOurs(TypeElement type, String server) {
        for (AnnotationMirror annotation : type.getAnnotationMirrors()) {
            String annotationType = ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName()
                    .toString();
            if (annotationType.equals("javax.annotation.processing.Generated")) {
                String values = annotation.getElementValues().values().toString();
                return values.contains(generator) && values.contains("from " + server);
            }
        }
        return false;
    }
}
