/**
 * Peeper across JVMs, on embedded Hazelcast: see {@link dev.peeper.cluster.PeeperCluster}. Its exported packages
 * are its API (the members and names, the cluster supervisor, groups); the transport's protocol and serializers
 * are in internal packages, not exported. It reaches processes of other
 * members through the runtime's internal packages, which the runtime exports to this module only.
 *
 * <pre>{@code
 * module com.example.shop {
 *     requires dev.peeper.cluster; // reads dev.peeper.runtime and Hazelcast too
 * }
 * }</pre>
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Hazelcast 5 is an automatic module
module dev.peeper.cluster {
    // the API takes and returns runtime types (Pid, ProcessName, KeeperFactory) and Hazelcast's (Config,
    // HazelcastInstance), so a user of this module reads both
    requires transitive dev.peeper.runtime;
    requires transitive com.hazelcast.core;
    requires org.slf4j;

    exports dev.peeper.cluster;
    exports dev.peeper.cluster.groups;
    exports dev.peeper.cluster.supervisor;
}
