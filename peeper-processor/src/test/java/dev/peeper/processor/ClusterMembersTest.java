package dev.peeper.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.peeper.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The client's cluster members ({@code startInCluster}, {@code clusterStarter}): generated only when
 * {@code dev.peeper.cluster.PeeperCluster} is visible, so a user without the cluster module needs nothing more.
 * {@code peeper-cluster} cannot be on this module's class path (it runs this processor on its own tests), so these
 * compile against stand-ins with the same signatures that start the server in this JVM; the real thing is
 * exercised end to end in {@code peeper-cluster}'s {@code GeneratedClientInClusterTest}.
 */
class ClusterMembersTest {
    /** {@code dev.peeper.cluster} as generated code sees it, working in one JVM with local names. */
    static final List<JavaFileObject> CLUSTER_STAND_INS = List.of(
            JavaFileObjects.forSourceString("dev.peeper.cluster.PeeperCluster", """
                    package dev.peeper.cluster;

                    import dev.peeper.process.Pid;
                    import dev.peeper.registry.ProcessName;
                    import java.time.Duration;

                    public final class PeeperCluster {
                        public ProcessName name(Object name) { return ProcessName.local(name); }
                        public Pid startOnOwner(Object name, ClusterStarter starter, Duration timeout) {
                            return starter.start(this, name(name));
                        }
                    }
                    """),
            JavaFileObjects.forSourceString("dev.peeper.cluster.ClusterStarter", """
                    package dev.peeper.cluster;

                    @FunctionalInterface
                    public interface ClusterStarter extends java.io.Serializable {
                        dev.peeper.process.Pid start(PeeperCluster here, dev.peeper.registry.ProcessName name);
                    }
                    """),
            JavaFileObjects.forSourceString("dev.peeper.cluster.ClusterStarters", """
                    package dev.peeper.cluster;

                    import dev.peeper.durable.Peeper;
                    import dev.peeper.durable.PeeperOptions;
                    import dev.peeper.server.Dispatcher;
                    import java.io.Serializable;
                    import java.time.Duration;
                    import java.util.function.Supplier;
                    import java.util.function.UnaryOperator;

                    public final class ClusterStarters {
                        public static final Duration START_TIMEOUT = Duration.ofSeconds(10);

                        private ClusterStarters() {
                        }

                        public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
                        }

                        public interface SerializableOptions extends UnaryOperator<PeeperOptions>, Serializable {
                        }

                        public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                                            Object argument) {
                            return peeper(implementation, argument, null);
                        }

                        public static ClusterStarter peeper(SerializableSupplier<? extends Dispatcher<?>> implementation,
                                                            Object argument, SerializableOptions options) {
                            return (here, name) -> {
                                PeeperOptions start = PeeperOptions.defaults().withName(name);
                                return Peeper.start(implementation, argument, options == null ? start
                                        : options.apply(start)).pid();
                            };
                        }
                    }
                    """),
            JavaFileObjects.forSourceString("dev.peeper.cluster.StartFailedException", """
                    package dev.peeper.cluster;

                    public final class StartFailedException extends RuntimeException {
                        private static final long serialVersionUID = 1L;
                    }
                    """),
            JavaFileObjects.forSourceString("dev.peeper.cluster.WireException", """
                    package dev.peeper.cluster;

                    public final class WireException extends IllegalArgumentException {
                        private static final long serialVersionUID = 1L;
                    }
                    """));

    private static Compilation withCluster(JavaFileObject... sources) {
        JavaFileObject[] all = new JavaFileObject[CLUSTER_STAND_INS.size() + sources.length];
        CLUSTER_STAND_INS.toArray(all);
        System.arraycopy(sources, 0, all, CLUSTER_STAND_INS.size(), sources.length);
        return Compilations.compile(all);
    }

    @Test
    void withTheClusterModuleTheClientStartsItsServerInACluster() {
        Compilation compilation = withCluster(GoldenTest.COUNTER);
        assertThat(compilation).succeededWithoutWarnings();
        String client = GoldenTest.contents(compilation, "CounterClient");

        assertThat(client)
                .contains("import dev.peeper.cluster.PeeperCluster;")
                .contains("public static CounterClient startInCluster(PeeperCluster cluster, Object name, "
                        + "Integer start) {\n        return startInCluster(cluster, name, start, "
                        + "ClusterStarters.START_TIMEOUT);\n    }")
                .contains("public static CounterClient startInCluster(PeeperCluster cluster, Object name, "
                        + "Integer start,\n            Duration timeout) {\n"
                        + "        cluster.startOnOwner(name, clusterStarter(start), timeout);\n"
                        + "        return named(cluster.name(name));\n    }")
                .contains("public static ClusterStarter clusterStarter(Integer start) {\n"
                        + "        return ClusterStarters.peeper(Counter_Dispatcher::new, start);\n    }")
                .contains("@throws StartFailedException if the start failed on the owning member")
                .contains("<p>In a cluster, {@code startInCluster} runs it on the member");
        // the start family stays together: start, startLink, childSpec, then the cluster's, then the lookups
        assertThat(client.indexOf("ChildSpec childSpec(")).isLessThan(client.indexOf("startInCluster(PeeperCluster"));
        assertThat(client.indexOf("ClusterStarter clusterStarter(")).isLessThan(client.indexOf("named(Object name)"));
    }

    @Test
    void withoutTheClusterModuleTheClientHasNoClusterMembers() {
        Compilation compilation = Compilations.compile(GoldenTest.COUNTER);
        assertThat(compilation).succeededWithoutWarnings();
        String client = GoldenTest.contents(compilation, "CounterClient");

        assertThat(client).doesNotContain("dev.peeper.cluster").doesNotContain("startInCluster")
                .doesNotContain("clusterStarter").doesNotContain("In a cluster");
    }

    @Test
    void initWithoutArgumentAndParameterNamesThatTheClusterMembersUseToo() {
        Compilation compilation = withCluster(source("Plain", """
                @GenServer
                public class Plain {
                    public record Get() {}
                    Integer init() { return 0; }
                    Reply<Integer, Integer> handleCall(Get get, Integer state) { return Reply.of(state, state); }
                }
                """), source("Named", """
                @GenServer
                public class Named {
                    public record Get() {}
                    String init(String cluster) { return cluster; }
                    Reply<String, String> handleCall(Get get, String state) { return Reply.of(state, state); }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();

        assertThat(GoldenTest.contents(compilation, "PlainClient"))
                .contains("public static PlainClient startInCluster(PeeperCluster cluster, Object name) {")
                .contains("public static ClusterStarter clusterStarter() {\n"
                        + "        return ClusterStarters.peeper(Plain_Dispatcher::new, null);");
        assertThat(GoldenTest.contents(compilation, "NamedClient"))
                .contains("startInCluster(PeeperCluster cluster_, Object name, String cluster)")
                .contains("cluster_.startOnOwner(name, clusterStarter(cluster), timeout);");
    }

    @Test
    void aMessageNamedLikeAClusterMemberIsAClashOnlyWhereTheClusterIsVisible() {
        String body = """
                @GenServer
                public class Counter {
                    public record ClusterStarter(int n) {}
                    Integer init() { return 0; }
                    Next<Integer> handleCast(ClusterStarter starter, Integer state) { return Next.of(state); }
                }
                """;
        JavaFileObject file = source("Counter", body);
        Compilation compilation = withCluster(file);
        assertThat(compilation).hadErrorContaining("[GenServerClientMethodClash] @GenServer callback "
                + "handleCast(ClusterStarter, Integer) would give the client method clusterStarter(int), which clashes "
                + "with the static method clusterStarter() every client has (a static and an instance method cannot "
                + "share a name").inFile(file).onLineContaining("handleCast(ClusterStarter");
        assertThat(compilation).hadErrorCount(1);

        assertThat(Compilations.compile(source("Counter", body))).succeededWithoutWarnings();
    }

    @Test
    void startsInTheClusterAndTheStarterTravelsWithItsStateCopy() throws Exception {
        Compilation compilation = withCluster(RunStateCopyTest.COPIED, source("Scenario", """
                import dev.peeper.cluster.*;
                import java.io.*;
                import java.util.concurrent.*;

                public class Scenario implements Callable<List<Object>> {
                    public List<Object> call() throws Exception {
                        PeeperCluster cluster = new PeeperCluster();
                        CopiedClient first = CopiedClient.startInCluster(cluster, "basket");
                        first.put("a");
                        // bound to the name: another client of the name reaches the same server
                        List<String> items = CopiedClient.named(cluster.name("basket")).items();

                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                            out.writeObject(CopiedClient.clusterStarter());
                        }
                        ClusterStarter travelled;
                        try (ObjectInputStream in = new ObjectInputStream(
                                new ByteArrayInputStream(bytes.toByteArray()))) {
                            travelled = (ClusterStarter) in.readObject();
                        }
                        CopiedClient second = CopiedClient.of(travelled.start(cluster, cluster.name("other")));
                        second.put("b");
                        List<String> secondItems = second.items();
                        first.stop();
                        second.stop();
                        return List.of(items, secondItems, Copied.COPIED_BY.contains("copyState"));
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(GoldenTest.contents(compilation, "CopiedClient"))
                .contains("return ClusterStarters.peeper(Copied_Dispatcher::new, null, CopiedClient::withStateCopy);");

        assertThat(CompiledClasses.run(compilation, "test.Scenario"))
                .containsExactly(List.of("a"), List.of("b"), true);
    }
}
