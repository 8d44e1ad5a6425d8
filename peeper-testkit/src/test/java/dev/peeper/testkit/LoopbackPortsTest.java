package dev.peeper.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackPortsTest {
    @TempDir
    Path dir;

    @Test
    void reservesDistinctPortsThatCanBeBound() throws IOException {
        List<Integer> ports = LoopbackPorts.reserve(20);

        assertThat(ports).hasSize(20).doesNotHaveDuplicates();
        for (int port : ports) {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
        }
    }

    @Test
    void readsTheSystemsRangeWhole() throws IOException {
        assumeTrue(Files.isReadable(LoopbackPorts.EPHEMERAL_RANGE), "this system tells no ephemeral range");
        String whole;
        try (var in = Files.newInputStream(LoopbackPorts.EPHEMERAL_RANGE)) {
            whole = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // its first read asks for 8 KiB
        }

        // Files.readString read "3" of "32768 60999" here: a /proc/sys file answers only a read from its start
        assertThat(LoopbackPorts.firstEphemeralPort(LoopbackPorts.EPHEMERAL_RANGE))
                .isEqualTo(Integer.parseInt(whole.trim().split("\\s+")[0]));
    }

    @Test
    void reservesBelowTheEphemeralRangeWhereTheSystemTellsIt() {
        assumeTrue(Files.isReadable(LoopbackPorts.EPHEMERAL_RANGE), "this system tells no ephemeral range");
        int firstEphemeral = LoopbackPorts.firstEphemeralPort(LoopbackPorts.EPHEMERAL_RANGE);
        assumeTrue(firstEphemeral - LoopbackPorts.LOWEST >= LoopbackPorts.LEAST_ROOM,
                "the system's ephemeral range starts at " + firstEphemeral + ", leaving no room below it");

        assertThat(LoopbackPorts.reserve(20)).allSatisfy(port ->
                assertThat(port).isGreaterThanOrEqualTo(LoopbackPorts.LOWEST).isLessThan(firstEphemeral));
    }

    @Test
    void staysBelowAGivenRangeStart() {
        int firstEphemeral = LoopbackPorts.LOWEST + 5_000;

        assertThat(LoopbackPorts.reserve(20, firstEphemeral)).hasSize(20).doesNotHaveDuplicates().allSatisfy(port ->
                assertThat(port).isGreaterThanOrEqualTo(LoopbackPorts.LOWEST).isLessThan(firstEphemeral));
    }

    @Test
    void leavesTheChoiceToTheSystemWhenTheRangeIsUnknownOrLeavesNoRoom() {
        assertThat(LoopbackPorts.reserve(5, 0)).hasSize(5).doesNotHaveDuplicates();
        assertThat(LoopbackPorts.reserve(5, LoopbackPorts.LOWEST + 10)).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void aBoundPortIsNotFree() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LoopbackPorts.free(taken.getLocalPort())).isFalse();
        }
    }

    @Test
    void readsTheFirstPortOfTheRange() throws IOException {
        Path range = Files.writeString(dir.resolve("ip_local_port_range"), "32768\t60999\n");

        assertThat(LoopbackPorts.firstEphemeralPort(range)).isEqualTo(32768);
    }

    @Test
    void anUnreadableRangeIsUnknown() throws IOException {
        Path garbled = Files.writeString(dir.resolve("garbled"), "not ports");

        assertThat(LoopbackPorts.firstEphemeralPort(garbled)).isZero();
        assertThat(LoopbackPorts.firstEphemeralPort(dir.resolve("missing"))).isZero();
    }

    @Test
    void zeroPortsIsAnEmptyReservation() {
        assertThat(LoopbackPorts.reserve(0)).isEmpty();
    }

    @Test
    void aNegativeCountIsRejectedWithWhatToDo() {
        assertThatThrownBy(() -> LoopbackPorts.reserve(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1").hasMessageContaining("0 or more");
    }
}
