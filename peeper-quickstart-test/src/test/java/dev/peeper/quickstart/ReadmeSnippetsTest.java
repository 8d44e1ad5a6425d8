package dev.peeper.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.quickstart.ReadmeSnippets.Snippet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeSnippetsTest {
    @Test
    void takesEachMarkedBlockAndNothingElse() {
        String readme = """
                Some text.

                ```java
                class NotMarked {}
                ```

                <!-- quickstart: pom.xml -->
                ```xml
                <project/>
                ```

                | a | table |

                <!-- quickstart: src/main/java/com/example/Main.java -->
                ```java
                class Main {
                }
                ```
                """;

        assertThat(ReadmeSnippets.in(readme)).containsExactly(
                new Snippet(Path.of("pom.xml"), "<project/>\n"),
                new Snippet(Path.of("src/main/java/com/example/Main.java"), "class Main {\n}\n"));
    }

    @Test
    void theModuleFilesHaveAMarkerOfTheirOwn() {
        String readme = """
                <!-- quickstart: pom.xml -->
                ```xml
                <project/>
                ```

                <!-- quickstart-module: src/main/java/module-info.java -->
                ```java
                module com.example {
                }
                ```
                """;

        assertThat(ReadmeSnippets.in(readme)).containsExactly(new Snippet(Path.of("pom.xml"), "<project/>\n"));
        assertThat(ReadmeSnippets.in(readme, ReadmeSnippets.QUICKSTART_MODULE)).containsExactly(
                new Snippet(Path.of("src/main/java/module-info.java"), "module com.example {\n}\n"));
    }

    @Test
    void aMarkerWithoutItsBlockIsAnError() {
        String readme = """
                <!-- quickstart: pom.xml -->
                Text between the marker and the block.
                ```xml
                <project/>
                ```
                """;

        assertThatThrownBy(() -> ReadmeSnippets.in(readme))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 quickstart markers but 0 marked code blocks");
    }

    @Test
    void aPathOutsideTheProjectIsAnError() {
        String readme = """
                <!-- quickstart: ../escape.txt -->
                ```
                text
                ```
                """;

        assertThatThrownBy(() -> ReadmeSnippets.in(readme))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the project");
    }
}
