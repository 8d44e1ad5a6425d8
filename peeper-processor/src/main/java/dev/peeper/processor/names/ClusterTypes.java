package dev.peeper.processor.names;

import com.palantir.javapoet.ClassName;

/**
 * The {@code peeper-cluster} API that generated clients refer to, by name. A client gains its cluster members
 * only when {@link #PEEPER_CLUSTER} is visible to the server's compilation (see
 * {@code ModelBuilder}), so users without the cluster module never need it on their class path.
 */
public final class ClusterTypes {
    private static final String CLUSTER = "dev.peeper.cluster";

    /** The member of a cluster: what a cluster start runs in. Its presence turns the cluster members on. */
    public static final ClassName PEEPER_CLUSTER = ClassName.get(CLUSTER, "PeeperCluster");
    public static final ClassName CLUSTER_STARTER = ClassName.get(CLUSTER, "ClusterStarter");
    public static final ClassName CLUSTER_STARTERS = ClassName.get(CLUSTER, "ClusterStarters");
    public static final ClassName START_FAILED = ClassName.get(CLUSTER, "StartFailedException");
    public static final ClassName WIRE_EXCEPTION = ClassName.get(CLUSTER, "WireException");

    private ClusterTypes() {
    }
}
