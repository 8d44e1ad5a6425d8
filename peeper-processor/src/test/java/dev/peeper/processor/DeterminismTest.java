package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** Generated code depends on what a server declares, not on the order it declares it in. */
class DeterminismTest {
    private static final String HEAD = """
            @GenServer
            public class Shapes {
                public sealed interface Shape permits Circle, Square {}
                public record Circle(double r) implements Shape {}
                public record Square(double side) implements Shape {}
                public record Area() {}
                Double init() { return 0.0; }
            """;
    private static final String GENERAL = """
                Next<Double> handleCast(Shape shape, Double total) { return Next.of(total); }
            """;
    private static final String CIRCLE = """
                Next<Double> handleCast(Circle c, Double total) { return Next.of(total + 3.14 * c.r() * c.r()); }
            """;
    private static final String SQUARE = """
                Next<Double> handleCast(Square s, Double total) { return Next.of(total + s.side() * s.side()); }
            """;
    private static final String AREA = """
                Reply<Double, Double> handleCall(Area a, Double total) { return Reply.of(total, total); }
            """;

    @Test
    void declarationOrderDoesNotMatter() {
        String forwards = generated(HEAD + GENERAL + CIRCLE + SQUARE + AREA + "}\n");
        String backwards = generated(HEAD + AREA + SQUARE + CIRCLE + GENERAL + "}\n");
        assertThat(backwards).isEqualTo(forwards);
        assertThat(forwards.indexOf("case Shapes.Circle")).as("subtypes before their supertype")
                .isLessThan(forwards.indexOf("case Shapes.Shape"));
        assertThat(forwards.indexOf("case Shapes.Square")).isLessThan(forwards.indexOf("case Shapes.Shape"));
    }

    private static String generated(String body) {
        Compilation compilation = Compilations.compile(Compilations.source("Shapes", body));
        assertThat(compilation).succeededWithoutWarnings();
        return GoldenTest.contents(compilation, "ShapesClient") + GoldenTest.contents(compilation, "Shapes_Dispatcher");
    }
}
