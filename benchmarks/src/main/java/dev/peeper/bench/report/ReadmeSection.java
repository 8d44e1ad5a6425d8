package dev.peeper.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the README's benchmark section in step with the last full run: the targets table of {@code REPORT.md}
 * and the chart, between two marker comments that a person does not edit. What surrounds the markers (the
 * reasons for each miss, say) is written by hand and left alone.
 */
final class ReadmeSection {
    static final String BEGIN = "<!-- benchmarks:begin (written by the benchmark command; edit outside) -->";
    static final String END = "<!-- benchmarks:end -->";

    private ReadmeSection() {
    }

    /**
     * Replaces the text between the markers in {@code readme} with the targets table of {@code report}, the date and
     * machine line, and the chart; does nothing (and says so) if the README has no markers.
     */
    static void update(Path readme, String report, Machine machine) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            System.out.println("README.md has no benchmark markers (" + BEGIN + " ... " + END + "); left as it is");
            return;
        }
        String section = BEGIN + "\n" + section(report, machine) + END;
        Files.writeString(readme, text.substring(0, begin) + section + text.substring(end + END.length()),
                StandardCharsets.UTF_8);
    }

    private static String section(String report, Machine machine) {
        int from = report.indexOf("## Targets");
        int to = report.indexOf("\n## ", from + 1);
        String table = report.substring(report.indexOf('\n', from) + 1, to < 0 ? report.length() : to).strip();
        return "From the last full run (" + machine.date() + ", " + machine.cores() + " cores, " + machine.jdk()
                + "); every figure is a ratio against a baseline measured in the same run, or an absolute figure the "
                + "target names. All figures, the method and the noise: [benchmarks/REPORT.md](benchmarks/REPORT.md).\n\n"
                + table + "\n\n![call round trip and cast throughput against the floor](benchmarks/report.svg)\n";
    }
}
