package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member binds only the interface it is given ({@code 127.0.0.1} by default), not every address of the machine:
 * on Linux all of 127.0.0.0/8 reaches the loopback interface, so a member bound to any address would accept a
 * connection on 127.0.0.2, and one bound to 127.0.0.1 refuses it.
 */
class BindInterfaceTest {
    @RegisterExtension
    final SecureMembers cluster = new SecureMembers().reserve(1);

    @Test
    void aMemberAcceptsConnectionsOnlyOnItsInterface() throws IOException {
        PeeperCluster member = cluster.start(0, options -> options);
        var address = member.hazelcast().getCluster().getLocalMember().getAddress();
        assertThat(address.getHost()).isEqualTo("127.0.0.1");

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", address.getPort()), 2_000);
            assertThat(socket.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", address.getPort()), 2_000);
            }
        }).isInstanceOf(IOException.class);
    }
}
