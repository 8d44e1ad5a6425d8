package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.durable.PeeperRef;
import dev.peeper.process.Pid;
import dev.peeper.process.internal.RemoteNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a {@link PeeperRef} reads in the server's own JVM (statistics, worker, upgrade) fails clearly for a server of
 * another JVM, instead of calling it "not running".
 */
class RemotePeeperRefTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void whatIsReadInTheServersOwnJvmFailsClearlyForAServerElsewhere() {
        PeeperCluster member = cluster.start(1).get(0);
        // a pid as it arrives from another JVM: no process behind it here
        Pid elsewhere = RemoteNodes.pid(member.node() == Long.MAX_VALUE ? 1 : member.node() + 1, 7);
        PeeperRef ref = PeeperRef.of(elsewhere);

        member.runAs(() -> {
            assertThatThrownBy(ref::statistics).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("statistics()").hasMessageContaining("another cluster member")
                    .hasMessageContaining("Sys.statistics");
            assertThatThrownBy(ref::worker).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("worker()");
            assertThatThrownBy(() -> ref.upgrade(Counter::new, 1, null))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("upgrade");
        });
    }
}
