package dev.peeper.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for test members to bind, free when reserved, and <em>below the operating system's range of
 * ephemeral ports</em> where it can tell (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}). A port from that
 * range (what {@code new ServerSocket(0)} gives) may become the local port of some member's outgoing connection
 * before the member it was reserved for binds it; a member that then connects to that listed address from that
 * very port connects to itself (loopback TCP "self-connect"), and the engine, seeing its own identity, fails its
 * joins and registrations ("Connecting to self!"): a member start hung for the join timeout in two runs. Outgoing
 * connections never take a port below the range, so that cannot happen there.
 */
public final class LoopbackPorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** The lowest port handed out: above the well-known and most registered services' ports. */
    private static final int LOWEST = 10_000;
    private static final int TRIES = 1_000;

    private LoopbackPorts() {
    }

    /** {@code count} distinct ports free on 127.0.0.1 now. */
    public static List<Integer> reserve(int count) {
        int below = firstEphemeralPort();
        List<Integer> ports = new ArrayList<>();
        for (int tried = 0; ports.size() < count; tried++) {
            if (below - LOWEST < 1_000 || tried == TRIES) {
                ports.add(anyFreePort()); // no room below the ephemeral range: the system's choice
                continue;
            }
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!ports.contains(port) && free(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** The lowest ephemeral port, or 0 where the system does not tell. */
    private static int firstEphemeralPort() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }
}
