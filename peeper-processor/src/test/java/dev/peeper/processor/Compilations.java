package dev.peeper.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiling test sources with the processor, as a user's build would: every lint warning on. */
final class Compilations {
    /** The imports every test server starts with. */
    static final String IMPORTS = """
            import dev.peeper.annotations.*;
            import dev.peeper.durable.*;
            import dev.peeper.process.*;
            import dev.peeper.server.*;
            import java.util.*;

            """;

    private Compilations() {
    }

    /** A source file {@code test/<Name>.java} in package {@code test}, with {@link #IMPORTS}. */
    static JavaFileObject source(String simpleName, String body) {
        return JavaFileObjects.forSourceString("test." + simpleName, "package test;\n\n" + IMPORTS + body);
    }

    /**
     * Compiles with {@link GenServerProcessor} (and any {@code others}, which run first) under {@code -Xlint:all},
     * {@code processing} included: the processor claims {@code @GenServer} and its own {@code @Generated}, so a
     * compilation that succeeds without warnings proves a user's {@code -Xlint:all -Werror} needs no
     * {@code -Xlint:-processing}. {@code --release 21} is the project's baseline: generated code must compile
     * there.
     */
    static Compilation compile(List<Processor> others, JavaFileObject... sources) {
        List<Processor> processors = new ArrayList<>(others);
        processors.add(new GenServerProcessor());
        return javac()
                .withProcessors(processors)
                .withOptions("--release", "21", "-Xlint:all")
                .compile(sources);
    }

    /** Compiles with {@link GenServerProcessor} under {@code -Xlint:all}. */
    static Compilation compile(JavaFileObject... sources) {
        return compile(List.of(), sources);
    }
}
