package dev.peeper.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for cluster members to bind: distinct, free when reserved, and <em>below the operating system's
 * range of ephemeral ports</em> where it can tell (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}).
 *
 * <p>Why below that range: a port from it (what {@code new ServerSocket(0)} gives) may become the local port of some
 * member's outgoing connection before the member it was reserved for binds it; a member that then connects to that
 * listed address from that very port connects to itself (a loopback TCP "self-connect"), and the engine, seeing its
 * own identity, fails its joins and registrations ("Connecting to self!"): member starts hung for the join timeout.
 * Outgoing connections never take a port below the range, so that cannot happen there. Where the system does not
 * tell its range (or leaves too little room below it), the ports are the system's choice, as
 * {@code new ServerSocket(0)} gives them.
 *
 * <p>A reservation is a check, not a lock: each port was bound and closed once, so it was free then; another process
 * that binds the same port explicitly before the member does still wins. Ports are drawn at random from
 * {@value #LOWEST} up to the ephemeral range, so that two runs at once rarely pick the same port.
 *
 * <pre>{@code
 * List<Integer> ports = LoopbackPorts.reserve(3);
 * List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
 * PeeperCluster first = PeeperCluster.start(ClusterOptions.named("orders-test")
 *         .withPort(ports.get(0)).withMembers(members));
 * }</pre>
 */
public final class LoopbackPorts {
    /** The lowest port handed out: above the well-known and most registered services' ports. */
    public static final int LOWEST = 10_000;
    /** Where Linux tells its ephemeral range: two numbers, the first and the last port. */
    static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Less room than this below the range, and random draws would meet taken ports too often: the system chooses. */
    static final int LEAST_ROOM = 1_000;
    /** Draws of each kind (below the range, then the system's choice) before giving up. */
    private static final int TRIES = 1_000;

    private LoopbackPorts() {
    }

    /**
     * Reserves {@code count} distinct ports, each free on 127.0.0.1 when this returns, below the ephemeral range
     * where the system tells it.
     *
     * @param count how many ports: one per member that will bind one, 0 or more
     * @return the ports, distinct, in no particular order; an unmodifiable list
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws IllegalStateException if {@code count} free ports could not be found on 127.0.0.1 (too many asked,
     *                               or the loopback interface is down)
     */
    public static List<Integer> reserve(int count) {
        return reserve(count, firstEphemeralPort(EPHEMERAL_RANGE));
    }

    /** {@link #reserve(int)} with the ephemeral range starting at {@code firstEphemeral} (0: unknown). */
    static List<Integer> reserve(int count, int firstEphemeral) {
        if (count < 0) {
            throw new IllegalArgumentException("count is " + count + ": ask for 0 or more ports");
        }
        boolean roomBelow = firstEphemeral - LOWEST >= LEAST_ROOM;
        int belowTries = roomBelow ? TRIES : 0;
        List<Integer> ports = new ArrayList<>(count);
        for (int tried = 0; ports.size() < count; tried++) {
            if (tried == belowTries + TRIES) {
                throw new IllegalStateException("found only " + ports.size() + " of " + count
                        + " free ports on 127.0.0.1 after " + tried + " tries: ask for fewer, or free some ports");
            }
            int port = tried < belowTries ? ThreadLocalRandom.current().nextInt(LOWEST, firstEphemeral)
                    : anyFreePort();
            if (!ports.contains(port) && free(port)) {
                ports.add(port);
            }
        }
        return List.copyOf(ports);
    }

    /** The lowest ephemeral port as {@code range} tells it, or 0 where it does not (no such file, another format). */
    static int firstEphemeralPort(Path range) {
        // Not Files.readString: a file under /proc/sys answers only a read from its start, and readString, told the
        // file's size is 0, first reads one byte, so everything after it reads as the end of the file ("3" of
        // "32768"). A buffered reader asks for the whole line at once.
        try (BufferedReader reader = Files.newBufferedReader(range)) {
            String line = reader.readLine();
            return line == null ? 0 : Integer.parseInt(line.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 0;
        }
    }

    /** Whether {@code port} can be bound on 127.0.0.1 now; it is closed again at once. */
    static boolean free(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** A port the system chooses, from its ephemeral range. */
    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: is the loopback interface up?", e);
        }
    }
}
