package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.internal.SystemMessage;
import org.junit.jupiter.api.Test;

/**
 * Messages given back to the mailbox by consumers that die one after another (a Peeper server's workers, each
 * killed just after taking a message): none may be lost, whatever lanes they came from and in whatever order the
 * kills land. Issue 9, item 1: one slot used to hold what needs one per lane.
 */
class MailboxUnreadTest {
    private final Mailbox mailbox = new Mailbox();

    record Sys(String name) implements SystemMessage {
    }

    @Test
    void aSystemMessageGivenBackAfterAnOrdinaryOneKeepsBoth() {
        mailbox.put("cast");
        // the first worker takes the cast and is killed before handling it: it gives it back
        mailbox.unread(mailbox.poll(false));
        // a system request arrives; the next worker takes it (system lane first) and is killed too
        mailbox.put(new Sys("getState"));
        Object taken = mailbox.poll(false);
        assertThat(taken).isEqualTo(new Sys("getState"));
        mailbox.unread(taken);

        assertThat(mailbox.size()).isEqualTo(2);
        assertThat(mailbox.poll(false)).isEqualTo(new Sys("getState"));
        assertThat(mailbox.poll(false)).as("the cast given back first is still there").isEqualTo("cast");
        assertThat(mailbox.poll(false)).isNull();
    }

    @Test
    void aSystemOnlyReceiveThatGivesBackKeepsAnOrdinaryMessageGivenBackBefore() {
        mailbox.put("cast");
        mailbox.put("later");
        mailbox.unread(mailbox.poll(false)); // a worker killed while taking the cast
        mailbox.put(new Sys("suspend"));
        mailbox.unread(mailbox.poll(true)); // a suspended worker killed while taking a system message

        assertThat(mailbox.drain()).containsExactly(new Sys("suspend"), "cast", "later");
    }

    @Test
    void anyInterleavingOfTakesAndGiveBacksLosesNothingAndKeepsEachLaneInOrder() {
        java.util.Random random = new java.util.Random(9);
        for (int round = 0; round < 2_000; round++) {
            Mailbox box = new Mailbox();
            java.util.List<Object> taken = new java.util.ArrayList<>();
            int ordinary = 0;
            int system = 0;
            for (int step = 0; step < 40; step++) {
                switch (random.nextInt(4)) {
                    case 0 -> box.put("m" + ordinary++);
                    case 1 -> box.put(new Sys("s" + system++));
                    default -> {
                        Object message = box.poll(random.nextBoolean());
                        if (message != null) {
                            if (random.nextBoolean()) {
                                box.unread(message); // its consumer died before acting on it
                            } else {
                                taken.add(message);
                            }
                        }
                    }
                }
            }
            taken.addAll(box.drain());
            assertThat(taken).as("round %d", round).hasSize(ordinary + system);
            assertThat(taken.stream().filter(String.class::isInstance).toList())
                    .as("ordinary lane in order").isSortedAccordingTo(
                            java.util.Comparator.comparingInt(m -> Integer.parseInt(((String) m).substring(1))));
            assertThat(taken.stream().filter(Sys.class::isInstance).toList())
                    .as("system lane in order").isSortedAccordingTo(
                            java.util.Comparator.comparingInt(m -> Integer.parseInt(((Sys) m).name().substring(1))));
        }
    }
}
