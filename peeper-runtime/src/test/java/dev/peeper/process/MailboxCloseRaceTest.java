package dev.peeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A put racing with the close of its mailbox: it is refused only if nobody took the message. The other way round, a
 * message received and passed on by a process as it ended (a server handing itself over) was refused to its
 * sender, so a caller heard "never delivered" about a call its server's successor then ran (the kill storm's one
 * update too many).
 */
class MailboxCloseRaceTest {
    private final Mailbox mailbox = new Mailbox();

    private record Msg(int round, int serial) {
    }

    @Test
    void aMessageTakenBeforeTheCloseIsNotRefused() {
        MpscQueue<Object> lane = mailbox.ordinaryLane();
        MpscQueue.Node<Object> node = lane.offer("call"); // the put's first half

        assertThat(mailbox.poll(false)).isEqualTo("call"); // received, to be passed on
        mailbox.close(); // the process ends

        assertThat(mailbox.settle(lane, node)).as("the put's second half").isTrue();
        assertThat(mailbox.drain()).isEmpty();
    }

    @Test
    void aMessageNobodyTookBeforeTheCloseIsTakenBackAndRefused() {
        MpscQueue<Object> lane = mailbox.ordinaryLane();
        MpscQueue.Node<Object> node = lane.offer("call");

        mailbox.close();

        assertThat(mailbox.settle(lane, node)).isFalse();
        assertThat(mailbox.drain()).as("a closed mailbox keeps nothing").isEmpty();
        assertThat(mailbox.size()).isZero();
    }

    @Test
    void aMessageTheDrainTookIsNotRefused() {
        MpscQueue<Object> lane = mailbox.ordinaryLane();
        MpscQueue.Node<Object> node = lane.offer("call");

        assertThat(mailbox.drain()).containsExactly("call"); // the end tells it why

        assertThat(mailbox.settle(lane, node)).isTrue();
    }

    /**
     * The same race between real threads: a sender putting until refused, a consumer that takes a few messages and
     * at once closes. A refused message must never be among those taken.
     */
    @Test
    void aSenderRacingTheCloseIsNeverRefusedWhatTheConsumerTook() throws Exception {
        Race race = new Race();
        Thread sender = Thread.ofPlatform().daemon().name("sender").start(race::send);
        List<Object> wronglyRefused = new ArrayList<>();
        StressBudget budget = StressBudget.start();
        try {
            while (budget.more()) {
                Mailbox round = new Mailbox();
                race.begin(round);
                List<Object> taken = new ArrayList<>();
                int want = 1 + (int) (budget.rounds() % 3);
                while (taken.size() < want) {
                    Object message = round.poll(false);
                    if (message != null) {
                        taken.add(message);
                    }
                    assertThat(sender.isAlive()).as("the sender runs").isTrue();
                }
                round.drain();
                Object refused = race.awaitRefusal();
                if (taken.contains(refused)) {
                    wronglyRefused.add(refused);
                }
            }
        } finally {
            sender.interrupt();
        }
        assertThat(wronglyRefused).as("refused to the sender, yet received, in %d rounds", budget.rounds()).isEmpty();
    }

    /** Hands the sender one mailbox per round, and its refusal back; spins, since each round lasts microseconds. */
    private static final class Race {
        private volatile Mailbox current;
        private volatile int started;
        private volatile int finished;
        private volatile Object refused;

        void begin(Mailbox mailbox) {
            current = mailbox;
            started++;
        }

        Object awaitRefusal() {
            long deadline = System.nanoTime() + Inbox.TIMEOUT.toNanos();
            while (finished != started) {
                assertThat(System.nanoTime() - deadline).as("the sender is refused in time").isNegative();
                Thread.onSpinWait();
            }
            return refused;
        }

        void send() {
            int seen = 0;
            while (!Thread.currentThread().isInterrupted()) {
                if (started == seen) {
                    Thread.onSpinWait();
                    continue;
                }
                seen = started;
                Mailbox mailbox = current;
                for (int serial = 0; ; serial++) {
                    Msg message = new Msg(seen, serial);
                    if (!mailbox.put(message)) {
                        refused = message;
                        break;
                    }
                }
                finished = seen;
            }
        }
    }
}
