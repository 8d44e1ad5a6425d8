package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Loads the classes a compilation produced, straight from its in-memory class output. The parent is the test's
 * loader, so the runtime ({@code dev.peeper.server}) is shared and results can be inspected by the test.
 */
final class CompiledClasses extends ClassLoader {
    private final Compilation compilation;

    private CompiledClasses(Compilation compilation) {
        super(CompiledClasses.class.getClassLoader());
        this.compilation = compilation;
    }

    /**
     * Compiles {@code sources}, which must compile without any warning under {@code -Xlint:all} (so the generated
     * code is warning-free too), and returns what {@code scenarioClass} (a {@code Callable<List<Object>>}) returns.
     */
    static List<Object> run(String scenarioClass, JavaFileObject... sources) throws Exception {
        Compilation compilation = Compilations.compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        return run(compilation, scenarioClass);
    }

    /**
     * Runs {@code scenarioClass}, a {@code Callable<List<Object>>} with a no-argument constructor, from
     * {@code compilation}, and returns what it observed.
     */
    @SuppressWarnings("unchecked")
    static List<Object> run(Compilation compilation, String scenarioClass) throws Exception {
        Class<?> type = new CompiledClasses(compilation).loadClass(scenarioClass);
        Callable<List<Object>> scenario = (Callable<List<Object>>) type.getDeclaredConstructor().newInstance();
        return scenario.call();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JavaFileObject file = compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, name.replace('.', '/') + ".class")
                .orElseThrow(() -> new ClassNotFoundException(name));
        try (InputStream in = file.openInputStream()) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
