package dev.peeper.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.processor.validate.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** The catalogue of messages: stable, distinct tags, each exercised by a test. */
class MessagesTest {
    /** Tags no source can provoke on purpose; each has a reason here. */
    private static final Set<Message> UNTESTABLE = Set.of(
            Message.INTERNAL_ERROR); // only a bug in the processor produces it

    @Test
    void tagsAreDistinctAndEveryTextNamesTheAnnotationOrACallback() {
        assertThat(Arrays.stream(Message.values()).map(Message::tag).distinct().count())
                .isEqualTo(Message.values().length);
        for (Message message : Message.values()) {
            assertThat(message.tag()).startsWith("GenServer");
            String text = message.format(new Object[20]);
            assertThat(text).startsWith("[" + message.tag() + "] ");
            assertThat(text).containsAnyOf("@GenServer", "init", "handle", "terminate", "codeChange");
        }
    }

    @Test
    void onlyTheMutableStateMessageIsAWarning() {
        assertThat(Arrays.stream(Message.values()).filter(m -> m.kind() == Diagnostic.Kind.WARNING))
                .containsExactly(Message.MUTABLE_STATE);
    }

    /** Reads this module's test sources (surefire runs in the module directory) for each tag in brackets. */
    @Test
    void everyMessageHasATestThatProvokesIt() throws IOException {
        String tests;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            tests = files.filter(p -> p.toString().endsWith("Test.java"))
                    .filter(p -> !p.endsWith("MessagesTest.java"))
                    .map(MessagesTest::read)
                    .collect(Collectors.joining("\n"));
        }
        for (Message message : Message.values()) {
            if (!UNTESTABLE.contains(message)) {
                assertThat(tests).as("a test provoking [%s]", message.tag()).contains("[" + message.tag() + "]");
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
