package dev.peeper.quickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of the README's Quick start. Each is a fenced code block right after a marker naming its path in the
 * user's project, such as {@code <!-- quickstart: src/main/java/com/example/Main.java -->}, so the README stays
 * readable and the build knows which blocks to copy.
 */
final class ReadmeSnippets {
    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- quickstart: (\\S+) -->\\s*\\n```[\\w-]*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("<!-- quickstart:");

    /** One marked file: where it goes in the project, and its text. */
    record Snippet(Path path, String text) {
    }

    private ReadmeSnippets() {
    }

    /** The marked files, in README order; every marker must be followed by a code block. */
    static List<Snippet> in(String readme) {
        List<Snippet> snippets = new ArrayList<>();
        Matcher block = MARKED_BLOCK.matcher(readme);
        while (block.find()) {
            Path path = Path.of(block.group(1)).normalize();
            if (path.isAbsolute() || path.startsWith("..")) {
                throw new IllegalArgumentException("a quickstart marker names " + block.group(1)
                        + ", outside the project; name a path relative to the project's root");
            }
            snippets.add(new Snippet(path, block.group(2) + "\n"));
        }
        long markers = MARKER.matcher(readme).results().count();
        if (markers != snippets.size()) {
            throw new IllegalArgumentException(markers + " quickstart markers but " + snippets.size()
                    + " marked code blocks: put each marker on the line right before its ``` fence");
        }
        return snippets;
    }
}
