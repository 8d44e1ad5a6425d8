package dev.peeper.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link PeeperCluster#start(ClusterOptions)} configures its embedded Hazelcast member. Immutable; every
 * {@code with...} returns a copy. The defaults suit a cluster on one machine or a LAN with an explicit member
 * list: failure detection in seconds (a member that stops answering is removed after {@link #maxNoHeartbeat()}),
 * no multicast, no auto-detection, no phone-home.
 *
 * <pre>{@code
 * // three members on one machine
 * ClusterOptions options = ClusterOptions.named("orders")
 *         .withInterface("127.0.0.1").withPort(5701)
 *         .withMembers("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703");
 * // on a LAN: each machine binds its own address and lists the others
 * ClusterOptions lan = ClusterOptions.named("orders").withInterface("192.0.2.5")
 *         .withMembers("192.0.2.5", "192.0.2.6", "192.0.2.7");
 * }</pre>
 *
 * <p>Give every member the same cluster secret ({@link #withSecretFromEnv()}, {@link #withSecret(byte[])}): see
 * {@link ClusterSecurity} and docs/SECURITY.md. Without one the cluster is unauthenticated, and says so at start.
 *
 * <p>For Kubernetes (or any discovery Hazelcast offers), build a Hazelcast {@code Config} with its discovery
 * settings and pass it to {@link PeeperCluster#start(com.hazelcast.config.Config)}, which adds what Peeper needs.
 *
 * @param clusterName    members join only members with the same name; use one name per cluster (and per test)
 * @param bindInterface  the address to bind and publish, e.g. {@code 127.0.0.1} for one machine
 * @param port           the first port to try
 * @param portCount      how many ports from {@code port} on to try when one is taken ({@code 1}: only {@code port})
 * @param members        the addresses ({@code host} or {@code host:port}) of members to join: the member list
 * @param heartbeat      how often members tell each other they are alive
 * @param maxNoHeartbeat how long a silent member stays in the cluster: the failure-detection time
 * @param backupTimeout  how long a write waits for its backup before it fails as indeterminate
 * @param minimumMembers the fewest members (this one included) a member must see to acknowledge a replicated state:
 *                       a majority of the cluster's expected size, so a minority side of a split acknowledges
 *                       nothing (2 by default; 3 for a cluster of 5)
 * @param lease          how long a confirmation that the others still count this member in is good for, on the
 *                       monotonic clock; shorter than {@code maxNoHeartbeat}, so that a member paused longer than
 *                       that (GC, SIGSTOP) acknowledges nothing until it has confirmed again
 * @param security       the cluster secret, the deserialization allow-list and the message size limit (see
 *                       {@link ClusterSecurity}); without a secret the cluster is unauthenticated, and says so
 */
public record ClusterOptions(String clusterName, String bindInterface, int port, int portCount, List<String> members,
                             Duration heartbeat, Duration maxNoHeartbeat, Duration backupTimeout, int minimumMembers,
                             Duration lease, ClusterSecurity security) {
    /** The first port tried by default, Hazelcast's usual one. */
    public static final int DEFAULT_PORT = 5701;

    /** Checks every field, with a message that says what to pass instead. */
    public ClusterOptions {
        requireText(clusterName, "clusterName");
        requireText(bindInterface, "bindInterface");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (portCount < 1 || port + portCount - 1 > 65_535) {
            throw new IllegalArgumentException("portCount must be at least 1 and keep ports within 65535, was "
                    + portCount);
        }
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        members.forEach(member -> requireText(member, "a member address"));
        requirePositive(heartbeat, "heartbeat");
        requirePositive(maxNoHeartbeat, "maxNoHeartbeat");
        requirePositive(backupTimeout, "backupTimeout");
        if (maxNoHeartbeat.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("maxNoHeartbeat (" + maxNoHeartbeat + ") must be at least twice the "
                    + "heartbeat (" + heartbeat + "), or healthy members get removed");
        }
        if (minimumMembers < 1) {
            throw new IllegalArgumentException("minimumMembers must be at least 1 (a majority of the expected "
                    + "cluster size, e.g. 2 of 3), was " + minimumMembers);
        }
        requirePositive(lease, "lease");
        if (lease.compareTo(maxNoHeartbeat) >= 0) {
            throw new IllegalArgumentException("the lease (" + lease + ") must be shorter than maxNoHeartbeat ("
                    + maxNoHeartbeat + "), or a paused member could still acknowledge after the others removed it; "
                    + "half of it is the default");
        }
        Objects.requireNonNull(security, "security (ClusterSecurity.none() for no secret)");
    }

    /**
     * The defaults for cluster {@code clusterName}: bind {@code 127.0.0.1}, ports 5701-5710, member list
     * {@code 127.0.0.1}, heartbeat 1 s, removal after 5 s of silence, backups awaited up to 2 s, at least 2
     * members to acknowledge a replicated state, a lease of 2.5 s.
     *
     * @param clusterName the cluster's name; members of other clusters are not joined
     * @return the options
     */
    public static ClusterOptions named(String clusterName) {
        return new ClusterOptions(clusterName, "127.0.0.1", DEFAULT_PORT, 10, List.of("127.0.0.1"),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2), 2, Duration.ofMillis(2500),
                ClusterSecurity.none());
    }

    /**
     * These options binding {@code address} (an interface of this machine).
     *
     * @param address the interface's address
     * @return new options
     */
    public ClusterOptions withInterface(String address) {
        return new ClusterOptions(clusterName, address, port, portCount, members, heartbeat, maxNoHeartbeat,
                backupTimeout, minimumMembers, lease, security);
    }

    /**
     * These options on exactly {@code port}: the start fails if it is taken.
     *
     * @param port the port
     * @return new options
     */
    public ClusterOptions withPort(int port) {
        return new ClusterOptions(clusterName, bindInterface, port, 1, members, heartbeat, maxNoHeartbeat,
                backupTimeout, minimumMembers, lease, security);
    }

    /**
     * These options trying {@code count} ports from {@code first} on.
     *
     * @param first the first port tried
     * @param count how many ports are tried
     * @return new options
     */
    public ClusterOptions withPorts(int first, int count) {
        return new ClusterOptions(clusterName, bindInterface, first, count, members, heartbeat, maxNoHeartbeat,
                backupTimeout, minimumMembers, lease, security);
    }

    /**
     * These options joining the members at {@code addresses} ({@code host} or {@code host:port}).
     *
     * @param addresses where the members are
     * @return new options
     */
    public ClusterOptions withMembers(String... addresses) {
        return withMembers(List.of(addresses));
    }

    /**
     * These options joining the members at {@code addresses} ({@code host} or {@code host:port}).
     *
     * @param addresses where the members are
     * @return new options
     */
    public ClusterOptions withMembers(List<String> addresses) {
        return new ClusterOptions(clusterName, bindInterface, port, portCount, addresses, heartbeat, maxNoHeartbeat,
                backupTimeout, minimumMembers, lease, security);
    }

    /**
     * These options with failure detection: a heartbeat every {@code heartbeat}, removal after {@code maxSilence}; the
     * lease becomes half of {@code maxSilence}.
     *
     * @param heartbeat  how often a member says it is alive
     * @param maxSilence how long a silent member stays before it is removed
     * @return new options
     */
    public ClusterOptions withFailureDetection(Duration heartbeat, Duration maxSilence) {
        return new ClusterOptions(clusterName, bindInterface, port, portCount, members, heartbeat, maxSilence,
                backupTimeout, minimumMembers, Objects.requireNonNull(maxSilence, "maxSilence").dividedBy(2), security);
    }

    /**
     * These options acknowledging replicated states only while this member sees at least {@code count} members,
     * itself included: give a majority of the cluster's expected size (2 of 3, 3 of 5). {@code 1} lets a member
     * alone acknowledge (a synchronous keeper still needs a backup on another member).
     *
     * @param count the fewest members this member must see to acknowledge
     * @return new options
     */
    public ClusterOptions withMinimumMembers(int count) {
        return new ClusterOptions(clusterName, bindInterface, port, portCount, members, heartbeat, maxNoHeartbeat,
                backupTimeout, count, lease, security);
    }

    /**
     * These options with a membership lease of {@code lease}, shorter than the failure-detection time.
     *
     * @param lease how long a confirmation of this member's membership lasts
     * @return new options
     */
    public ClusterOptions withLease(Duration lease) {
        return new ClusterOptions(clusterName, bindInterface, port, portCount, members, heartbeat, maxNoHeartbeat,
                backupTimeout, minimumMembers, lease, security);
    }

    /**
     * These options waiting up to {@code timeout} for a write's backup.
     *
     * @param timeout how long a write waits for its backup
     * @return new options
     */
    public ClusterOptions withBackupTimeout(Duration timeout) {
        return new ClusterOptions(clusterName, bindInterface, port, portCount, members, heartbeat, maxNoHeartbeat,
                timeout, minimumMembers, lease, security);
    }

    /**
     * These options with the security settings {@code security} (replacing those set so far).
     *
     * @param security the cluster secret, allow-list and size limit
     * @return new options
     */
    public ClusterOptions withSecurity(ClusterSecurity security) {
        return new ClusterOptions(clusterName, bindInterface, port, portCount, members, heartbeat, maxNoHeartbeat,
                backupTimeout, minimumMembers, lease, security);
    }

    /**
     * These options with the cluster secret {@code secret}: see {@link ClusterSecurity#withSecret(byte[])}.
     *
     * @param secret at least {@value ClusterSecurity#MIN_SECRET_BYTES} random bytes, the same on every member
     * @return new options
     */
    public ClusterOptions withSecret(byte[] secret) {
        return withSecurity(security.withSecret(secret));
    }

    /**
     * These options with the cluster secret {@code secret}: see {@link ClusterSecurity#withSecret(char[])}.
     *
     * @param secret at least {@value ClusterSecurity#MIN_SECRET_BYTES} bytes of UTF-8, the same on every member
     * @return new options
     */
    public ClusterOptions withSecret(char[] secret) {
        return withSecurity(security.withSecret(secret));
    }

    /**
     * These options with the cluster secret in the environment variable {@value ClusterSecurity#SECRET_ENV}: see
     * {@link ClusterSecurity#withSecretFromEnv()}.
     *
     * @return new options
     */
    public ClusterOptions withSecretFromEnv() {
        return withSecurity(security.withSecretFromEnv());
    }

    /**
     * These options also allowing {@code classesOrPrefixes} to arrive with Java serialization: see
     * {@link ClusterSecurity#withAllowedClasses}.
     *
     * @param classesOrPrefixes class names ({@code com.example.Order}) and package prefixes ({@code com.example.})
     * @return new options
     */
    public ClusterOptions withAllowedClasses(String... classesOrPrefixes) {
        return withSecurity(security.withAllowedClasses(classesOrPrefixes));
    }

    /**
     * These options refusing messages, requests, replies and states larger than {@code bytes} once serialized.
     *
     * @param bytes the largest size
     * @return new options
     */
    public ClusterOptions withMaxMessageBytes(int bytes) {
        return withSecurity(security.withMaxMessageBytes(bytes));
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
