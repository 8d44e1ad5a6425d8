package dev.peeper.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts one freshly measured section into an existing {@code REPORT.md}, for the runs that measure a single section
 * ({@code -Dbench.args=cluster} or {@code timeouts}): the section from its {@code ## } heading up to the next one
 * is replaced, or, if the report has none yet, inserted before {@code ## How it was measured}.
 */
final class ReportSections {
    static final String METHOD_HEADING = "## How it was measured";

    private ReportSections() {
    }

    /** Replaces (or inserts) in {@code report} the section that {@code section} starts with. */
    static void replace(Path report, String section) throws IOException {
        String text = Files.readString(report, StandardCharsets.UTF_8);
        String heading = section.substring(0, section.indexOf('\n'));
        int begin = text.indexOf(heading + "\n");
        int end;
        if (begin >= 0) {
            int next = text.indexOf("\n## ", begin + heading.length());
            end = next < 0 ? text.length() : next + 1;
        } else {
            begin = text.indexOf(METHOD_HEADING);
            if (begin < 0) {
                throw new IllegalStateException(report + " has neither \"" + heading + "\" nor \"" + METHOD_HEADING
                        + "\": run the full benchmark command to write it whole");
            }
            end = begin;
        }
        Files.writeString(report, text.substring(0, begin) + section + text.substring(end), StandardCharsets.UTF_8);
    }
}
