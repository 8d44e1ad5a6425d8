package dev.peeper.quickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of the README's Quick start. Each is a fenced code block right after a marker naming its path in the
 * user's project, such as {@code <!-- quickstart: src/main/java/com/example/Main.java -->}, so the README stays
 * readable and the build knows which blocks to copy. What only a modular project adds is marked
 * {@code <!-- quickstart-module: ... -->} instead ({@link #QUICKSTART_MODULE}).
 */
final class ReadmeSnippets {
    /** The marker of the Quick start's own files. */
    static final String QUICKSTART = "quickstart";
    /** The marker of the files a modular project adds to the Quick start's. */
    static final String QUICKSTART_MODULE = "quickstart-module";

    /** One marked file: where it goes in the project, and its text. */
    record Snippet(Path path, String text) {
    }

    private ReadmeSnippets() {
    }

    /** The files marked {@value #QUICKSTART}, in README order; every marker must be followed by a code block. */
    static List<Snippet> in(String readme) {
        return in(readme, QUICKSTART);
    }

    /** The files marked {@code <!-- marker: path -->}, in README order; each marker must precede a code block. */
    static List<Snippet> in(String readme, String marker) {
        Pattern markedBlock = Pattern.compile(
                "<!-- " + Pattern.quote(marker) + ": (\\S+) -->\\s*\\n```[\\w-]*\\n(.*?)\\n```", Pattern.DOTALL);
        List<Snippet> snippets = new ArrayList<>();
        Matcher block = markedBlock.matcher(readme);
        while (block.find()) {
            Path path = Path.of(block.group(1)).normalize();
            if (path.isAbsolute() || path.startsWith("..")) {
                throw new IllegalArgumentException("a quickstart marker names " + block.group(1)
                        + ", outside the project; name a path relative to the project's root");
            }
            snippets.add(new Snippet(path, block.group(2) + "\n"));
        }
        long markers = Pattern.compile("<!-- " + Pattern.quote(marker) + ":").matcher(readme).results().count();
        if (markers != snippets.size()) {
            throw new IllegalArgumentException(markers + " " + marker + " markers but " + snippets.size()
                    + " marked code blocks: put each marker on the line right before its ``` fence");
        }
        return snippets;
    }
}
