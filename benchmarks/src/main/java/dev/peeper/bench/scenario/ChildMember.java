package dev.peeper.bench.scenario;

import dev.peeper.cluster.ClusterOptions;
import dev.peeper.cluster.PeeperCluster;
import java.io.IOException;
import java.util.Arrays;

/**
 * A cluster member in a JVM of its own, for the failover scenarios that kill or freeze a whole JVM: joins the
 * cluster named by its arguments, prints {@code READY}, and runs until it is killed or its standard input closes
 * (so it never outlives the scenario that started it).
 *
 * <pre>
 * java PeeperCluster.JVM_FLAGS... -cp ... dev.peeper.bench.scenario.ChildMember CLUSTER PORT HOST:PORT,HOST:PORT...
 * </pre>
 */
public final class ChildMember {
    private ChildMember() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ChildMember CLUSTER PORT MEMBERS (comma-separated host:port)");
        }
        PeeperCluster member = PeeperCluster.start(ClusterOptions.named(args[0]).withPort(Integer.parseInt(args[1]))
                .withMembers(Arrays.asList(args[2].split(","))));
        System.out.println("READY " + member.node());
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing is sent: this only waits for the end of the input
        }
        System.exit(0);
    }
}
