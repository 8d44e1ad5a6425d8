package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.keeper.Keeper;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A synchronous write serializes the state once, for the entry on the owner, the write's copy sent to the backup and
 * the backup's entry alike, and decodes it nowhere ({@link StoredState}); only a takeover decodes it, once.
 */
class StateSerializedOnceTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    /** A state that counts how often it is written and read with Java serialization, in this JVM's members. */
    static final class Counted implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        static final AtomicInteger WRITTEN = new AtomicInteger();
        static final AtomicInteger READ = new AtomicInteger();

        final int value;

        Counted(int value) {
            this.value = value;
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            WRITTEN.incrementAndGet();
            out.defaultWriteObject();
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            READ.incrementAndGet();
            in.defaultReadObject();
        }
    }

    @Test
    void aWriteSerializesTheStateOnceAndDecodesItNowhereUntilATakeover() {
        SynchronousKeepers keepers = SynchronousKeepers.onTwoMembers(cluster);
        Keeper<Object> keeper = keepers.of("counted");
        keeper.restore(); // takes the name over: nothing kept yet

        for (int value = 1; value <= 3; value++) {
            keeper.keep(new Counted(value));
            Counted.WRITTEN.set(0);
            Counted.READ.set(0);

            keeper.beforeReply();

            assertThat(Counted.WRITTEN).as("serialized once: owner's entry, backup's copy and entry share it")
                    .hasValue(1);
            assertThat(Counted.READ).as("decoded nowhere").hasValue(0);
        }

        Counted.READ.set(0);
        Object taken = keepers.of("counted").restore();
        assertThat(((Counted) taken).value).isEqualTo(3);
        assertThat(Counted.READ).as("decoded once, by the takeover").hasValue(1);
    }
}
