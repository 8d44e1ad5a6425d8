package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Asserts a negative case: one bad source, and exactly one message (tag and text) on the expected line. */
final class Negative {
    private Negative() {
    }

    /** Compiles {@code body} as {@code test.<name>} and expects exactly one error containing {@code text}. */
    static void expectError(String name, String body, String text, String line) {
        JavaFileObject file = Compilations.source(name, body);
        Compilation compilation = Compilations.compile(file);
        assertThat(compilation).hadErrorContaining(text).inFile(file).onLineContaining(line);
        assertThat(compilation).hadErrorCount(1);
    }

    /** Expects a warning containing {@code text} on {@code line}, and a successful compilation. */
    static Compilation expectWarning(String name, String body, String text, String line) {
        JavaFileObject file = Compilations.source(name, body);
        Compilation compilation = Compilations.compile(file);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(text).inFile(file).onLineContaining(line);
        return compilation;
    }

    /** The number of diagnostics of {@code kind} whose message contains {@code text}. */
    static long count(Compilation compilation, Diagnostic.Kind kind, String text) {
        return compilation.diagnostics().stream()
                .filter(d -> d.getKind() == kind && d.getMessage(null).contains(text))
                .count();
    }
}
