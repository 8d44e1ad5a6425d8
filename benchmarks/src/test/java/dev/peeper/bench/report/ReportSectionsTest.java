package dev.peeper.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of one section puts it into the full run's report, in its place, and leaves every other section alone. */
class ReportSectionsTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheSectionWithTheSameHeading() throws Exception {
        assertBecomes("# R\n\n## A\n\nold a\n\n## B\n\nold b\n\n## How it was measured\n\nm\n",
                "## B\n\nnew b\n\n",
                "# R\n\n## A\n\nold a\n\n## B\n\nnew b\n\n## How it was measured\n\nm\n");
    }

    @Test
    void insertsANewSectionBeforeTheMethod() throws Exception {
        assertBecomes("# R\n\n## A\n\nold a\n\n## How it was measured\n\nm\n",
                "## Cluster (issue 11)\n\nc\n\n",
                "# R\n\n## A\n\nold a\n\n## Cluster (issue 11)\n\nc\n\n## How it was measured\n\nm\n");
    }

    @Test
    void aReportWithNeitherHeadingIsRefused() throws Exception {
        Path report = write("# R\n\n## A\n\nold a\n");

        assertThatThrownBy(() -> ReportSections.replace(report, "## B\n\nnew b\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run the full benchmark command");
    }

    private void assertBecomes(String before, String section, String after) throws Exception {
        Path report = write(before);
        ReportSections.replace(report, section);
        assertThat(Files.readString(report)).isEqualTo(after);
    }

    private Path write(String text) throws Exception {
        Path report = dir.resolve("REPORT.md");
        Files.writeString(report, text, StandardCharsets.UTF_8);
        return report;
    }
}
