package dev.peeper.bench.report;

import dev.peeper.bench.targets.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws {@code report.svg}: horizontal bars of the ratios the report's tables give, one panel per question, a
 * dashed line at the baseline (1×) and a red one at the target where there is one. Plain SVG, no library.
 */
final class Chart {
    private static final int WIDTH = 980;
    private static final int LABEL = 330;
    private static final int BARS = 520;
    private static final int ROW = 22;
    private static final int BAR = 15;

    private record Bar(String label, double value, String colour) {
    }

    private record Panel(String title, List<Bar> bars, double target, String targetLabel) {
    }

    private final StringBuilder svg = new StringBuilder();
    private int y;

    static String draw(Results results) {
        return new Chart().render(results);
    }

    private String render(Results results) {
        List<Panel> panels = new ArrayList<>();
        for (int callers : new int[] {1, 4}) {
            List<Bar> bars = new ArrayList<>();
            for (String target : Targets.ALL) {
                bars.add(new Bar(Targets.label(target), results.callRatio(results.virtual(), callers, target),
                        colour(target)));
            }
            panels.add(new Panel("Call round trip, " + callers + (callers == 1 ? " caller" : " callers")
                    + " (virtual threads): time × floor, lower is better", bars, 1.25, "plain-call target 1.25×"));
        }
        for (int producers : new int[] {1, 4}) {
            List<Bar> bars = new ArrayList<>();
            for (String target : Targets.ALL) {
                bars.add(new Bar(Targets.label(target), results.castRatio(producers, target), colour(target)));
            }
            panels.add(new Panel("Cast, " + producers + (producers == 1 ? " producer" : " producers")
                    + ": messages/s × floor, higher is better", bars, Double.NaN, null));
        }
        List<Bar> heap = new ArrayList<>();
        for (int count : results.settings().scaleCounts()) {
            double bare = results.number("scale.bare." + count + ".bytesPerServer");
            heap.add(new Bar(String.format(Locale.ROOT, "plain server, %,d of them", count),
                    results.number("scale.plain." + count + ".bytesPerServer") / bare, colour(Targets.PLAIN)));
            heap.add(new Bar(String.format(Locale.ROOT, "Peeper server, %,d of them", count),
                    results.number("scale.peeper." + count + ".bytesPerServer") / bare, colour(Targets.TYPED)));
        }
        panels.add(new Panel("Heap per idle server: × one parked virtual thread at the same count, lower is better",
                heap, Double.NaN, null));

        int height = 60;
        for (Panel panel : panels) {
            height += 40 + panel.bars().size() * ROW + 16;
        }
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(16, 26, "Peeper for Java: ratios against baselines measured in the same run", 16, "bold", "start");
        text(16, 44, results.machine().cores() + " cores, " + results.machine().jdk() + ", " + results.machine().date(),
                11, "normal", "start");
        y = 60;
        for (Panel panel : panels) {
            panel(panel);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void panel(Panel panel) {
        y += 24;
        text(16, y, panel.title(), 13, "bold", "start");
        y += 10;
        double max = 1.0;
        for (Bar bar : panel.bars()) {
            if (!Double.isNaN(bar.value())) {
                max = Math.max(max, bar.value());
            }
        }
        if (!Double.isNaN(panel.target())) {
            max = Math.max(max, panel.target());
        }
        max *= 1.12;
        int top = y;
        for (Bar bar : panel.bars()) {
            text(LABEL - 8, y + BAR - 3, bar.label(), 12, "normal", "end");
            double width = Double.isNaN(bar.value()) ? 0 : bar.value() / max * BARS;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                    LABEL, y, Math.max(width, 1.0), BAR, bar.colour()));
            text((int) (LABEL + width + 6), y + BAR - 3, ReportWriter.x(bar.value()), 12, "normal", "start");
            y += ROW;
        }
        int bottom = y - (ROW - BAR);
        verticalLine(1.0 / max * BARS, top - 4, bottom + 4, "#555", "4,3");
        text((int) (LABEL + 1.0 / max * BARS), bottom + 16, "1×", 10, "normal", "middle");
        if (!Double.isNaN(panel.target())) {
            double at = panel.target() / max * BARS;
            verticalLine(at, top - 4, bottom + 4, "#d62728", "2,2");
            text((int) (LABEL + at + 4), bottom + 16, panel.targetLabel(), 10, "normal", "start", "#d62728");
        }
        y += 16;
    }

    private void verticalLine(double at, int from, int to, String colour, String dash) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.2\" "
                        + "stroke-dasharray=\"%s\"/>\n", LABEL + at, from, LABEL + at, to, colour, dash));
    }

    private void text(int x, int atY, String content, int size, String weight, String anchor) {
        text(x, atY, content, size, weight, anchor, "#222");
    }

    private void text(int x, int atY, String content, int size, String weight, String anchor, String colour) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(atY).append("\" font-size=\"").append(size)
                .append("\" font-weight=\"").append(weight).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(colour).append("\">").append(escape(content)).append("</text>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String colour(String target) {
        return switch (target) {
            case Targets.FLOOR -> "#9e9e9e";
            case Targets.PLAIN -> "#1f77b4";
            case Targets.PEEPER -> "#6abf69";
            case Targets.TYPED -> "#2ca02c";
            case Targets.PEKKO -> "#ff7f0e";
            case Targets.LOCK -> "#9467bd";
            default -> "#444";
        };
    }
}
