package dev.peeper.processor.validate;

import com.palantir.javapoet.ClassName;
import dev.peeper.processor.find.ServerOptions;
import dev.peeper.processor.find.ServerSource;
import dev.peeper.processor.names.GeneratedNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;

/** Checks the values written in {@code @GenServer(...)}. */
final class OptionRules {

    /** The client's simple name, after checking the option (the default if the option is unusable). */
    String clientName(ServerSource source, ValidationReport report) {
        ServerOptions options = source.options();
        List<String> names = ClassName.get(source.type()).simpleNames();
        String fallback = GeneratedNames.client(names, "");
        String name = options.clientName();
        if (name.isEmpty()) {
            return fallback;
        }
        String problem = null;
        if (!SourceVersion.isIdentifier(name)) {
            problem = "it is not a Java identifier";
        } else if (SourceVersion.isKeyword(name)) {
            problem = "it is a Java keyword";
        } else if (name.equals(source.type().getSimpleName().toString())
                || name.equals(GeneratedNames.dispatcher(names))) {
            problem = "the server class or its dispatcher already has that name";
        }
        if (problem != null) {
            report.report(Message.CLIENT_NAME, source.type(), options.annotation(), options.clientNameValue(),
                    name, problem, fallback);
            return fallback;
        }
        return name;
    }

    /** The default call timeout, if the option sets a valid one. */
    Optional<Duration> callTimeout(ServerSource source, ValidationReport report) {
        ServerOptions options = source.options();
        if (options.callTimeout().isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> timeout = CallTimeouts.parse(options.callTimeout());
        if (timeout.isEmpty()) {
            report.report(Message.CALL_TIMEOUT, source.type(), options.annotation(), options.callTimeoutValue(),
                    options.callTimeout());
        }
        return timeout;
    }
}
