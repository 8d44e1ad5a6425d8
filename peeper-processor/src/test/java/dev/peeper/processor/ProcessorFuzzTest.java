package dev.peeper.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the processor with generated server classes ({@link ServerShapes}): every input either compiles or gets
 * tagged errors, never an internal error, never an error or a warning in generated code. Bounded for CI (a fixed
 * seed, {@value #DEFAULT_CASES} classes); more with {@code -Dpeeper.fuzz.cases=2000}, another run with
 * {@code -Dpeeper.fuzz.seed=...}.
 */
class ProcessorFuzzTest {
    private static final int DEFAULT_CASES = 40;

    @Test
    void everyGeneratedServerCompilesOrGetsOnlyTaggedErrors() {
        long seed = Long.getLong("peeper.fuzz.seed", 20261204L);
        int cases = Integer.getInteger("peeper.fuzz.cases", DEFAULT_CASES);
        ServerShapes shapes = new ServerShapes(seed);
        int compiled = 0;
        Map<String, Integer> tags = new TreeMap<>();
        for (int i = 0; i < cases; i++) {
            String body = shapes.next();
            List<JavaFileObject> files = new ArrayList<>(List.of(Compilations.source(ServerShapes.fileName(body), body)));
            Optional<Map.Entry<String, String>> companion = shapes.companion();
            companion.ifPresent(c -> files.add(Compilations.source(c.getKey(), c.getValue())));
            Compilation compilation = Compilations.compile(List.of(), files.toArray(JavaFileObject[]::new));
            String context = "case " + i + " of seed " + seed + ":\n" + body + "\n"
                    + companion.map(Map.Entry::getValue).orElse("") + "\n" + compilation.diagnostics();
            for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
                String message = diagnostic.getMessage(Locale.ROOT);
                assertThat(message).as(context).doesNotContain("[GenServerInternalError]");
                if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                    assertThat(message).as(context).startsWith("[GenServer");
                    tags.merge(message.substring(1, message.indexOf(']')), 1, Integer::sum);
                }
                if (diagnostic.getSource() != null && diagnostic.getKind() != Diagnostic.Kind.NOTE) {
                    assertThat(diagnostic.getSource().toUri().toString()).as(context).doesNotContain("SOURCE_OUTPUT");
                }
            }
            if (compilation.status() == Compilation.Status.SUCCESS) {
                compiled++;
            }
        }
        System.out.printf("fuzzed %d servers (seed %d): %d compiled; errors by tag: %s%n", cases, seed, compiled, tags);
        // the generator is meant to hit both sides, and many rules: a run that does not tests little
        assertThat(compiled).as("servers that compiled").isBetween(1, cases - 1);
        assertThat(tags).as("distinct error tags provoked").hasSizeGreaterThanOrEqualTo(Math.min(cases / 4, 10));
    }

    @Test
    void theGeneratorIsDeterministic() {
        assertThat(List.of(new ServerShapes(7).next(), new ServerShapes(7).next()))
                .containsExactly(new ServerShapes(7).next(), new ServerShapes(7).next());
    }
}
