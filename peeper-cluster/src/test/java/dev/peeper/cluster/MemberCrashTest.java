package dev.peeper.cluster;

import static dev.peeper.cluster.TestCluster.TIMEOUT;
import static dev.peeper.cluster.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.peeper.process.Down;
import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.server.ServerRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real crash: a member in a child JVM killed with SIGKILL. Its remote monitors fire {@code noconnection}, its
 * names are freed, and its server starts again on a survivor with the state it acknowledged.
 */
class MemberCrashTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();
    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void aKilledMembersMonitorsNamesAndAcknowledgedStateAreHandled() throws Exception {
        List<PeeperCluster> members = cluster.start(2, 3);
        PeeperCluster a = members.get(0);
        child = startChild(cluster.name(), cluster.port(2), cluster.addresses());
        TestCluster.awaitSize(members, 3);

        Pid victim = a.name("victim").whereis();
        assertThat(victim).isNotNull();
        assertThat(a.isHere(victim)).isFalse();
        CompletableFuture<Object> down = new CompletableFuture<>();
        CompletableFuture<Void> watching = new CompletableFuture<>();
        a.runAs(() -> Proc.spawn(() -> {
            Proc.monitor(victim);
            watching.complete(null);
            down.complete(Proc.receive(TIMEOUT));
        }));
        await(watching);
        ServerRef counter = ServerRef.named(a.name("kept-counter"));
        int acknowledged = a.callAs(() -> {
            for (int i = 0; i < 20; i++) {
                counter.cast(1);
            }
            return counter.call("get"); // crosses JVMs; answered after every cast's state was kept
        });
        assertThat(acknowledged).isEqualTo(20);

        child.destroyForcibly(); // SIGKILL
        child.waitFor();

        assertThat(await(down)).isInstanceOfSatisfying(Down.class, d -> {
            assertThat(d.pid()).isEqualTo(victim);
            assertThat(d.reason()).isEqualTo(WireReasons.NOCONNECTION);
        });
        assertThat(a.name("victim").whereis()).isNull();
        IMap<Object, KeptState> states = a.hazelcast().getMap(ClusterKeepers.MAP);
        assertThat(states.get("kept-counter").state()).isEqualTo(20);
        // and the counter runs again on a survivor, from that state
        assertThat(FailoverTest.callUntilAnswered(a, counter)).isEqualTo(20);
        assertThat(members.stream().anyMatch(m -> m.isHere(a.name("kept-counter").whereis()))).isTrue();
    }

    private static Process startChild(String clusterName, int port, List<String> members) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // the same flags as this JVM (Hazelcast's --add-opens among them)
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-") || arg.startsWith("-Dhazelcast")).toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildMember.class.getName());
        command.add(clusterName);
        command.add(String.valueOf(port));
        command.addAll(members);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        ready.complete(line);
                    }
                }
                ready.completeExceptionally(new AssertionError("the child member ended before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            await(ready);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("the child member did not start", e);
        }
        return process;
    }
}
