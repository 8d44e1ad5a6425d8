package dev.peeper.cluster;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What keeps strangers out of a Peeper cluster, as far as the community engine allows (docs/SECURITY.md says what it
 * does not): a <b>cluster secret</b>, a <b>deserialization allow-list</b> and a <b>message size limit</b>. Immutable;
 * part of {@link ClusterOptions} ({@code withSecret}, {@code withAllowedClasses}, {@code withMaxMessageBytes}), or
 * given to {@link PeeperCluster#prepare(com.hazelcast.config.Config, ClusterSecurity)} with a Config of your own.
 *
 * <pre>{@code
 * // every member: the same secret, e.g. from the environment (export PEEPER_CLUSTER_SECRET=$(openssl rand -base64 32))
 * ClusterOptions options = ClusterOptions.named("orders").withSecretFromEnv()
 *         .withAllowedClasses("com.example.orders.");   // Serializable messages and states of your own
 * }</pre>
 *
 * <ul>
 *   <li><b>Secret.</b> With one, every message between members, every replicated state and every start spec is
 *       sealed with AES-256-GCM under a key derived from the secret and the cluster name: a member without it can
 *       neither read nor forge nor replay them, and what fails is refused (logged, rate-limited) before anything in
 *       it is deserialized. A member that joins must prove it knows the secret before Peeper sends it anything or
 *       accepts anything from it. Without a secret the cluster is <em>unauthenticated</em> and each member says so
 *       in a warning at start. At least {@value #MIN_SECRET_BYTES} bytes; use random ones.</li>
 *   <li><b>Allow-list.</b> Values that travel with Java serialization ({@link java.io.Serializable} messages,
 *       states, starters, exceptions) are read only if their class is allowed: {@code java.*}, Hazelcast's and
 *       Peeper's own classes, and the classes or package prefixes given here. Records travel as Compact and need no
 *       entry.</li>
 *   <li><b>Size.</b> A message, request, reply or state larger than {@link #maxMessageBytes()} (serialized) is
 *       refused on the sending side (the sender gets a {@link WireException}) and on the receiving one.</li>
 * </ul>
 */
public final class ClusterSecurity {
    /** The shortest secret accepted, in bytes: 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;
    /** The environment variable {@link #withSecretFromEnv()} reads. */
    public static final String SECRET_ENV = "PEEPER_CLUSTER_SECRET";
    /** The default largest serialized message, request, reply or state: 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 << 20;
    /** The classes and package prefixes always allowed to be deserialized besides Hazelcast's own defaults. */
    static final List<String> BUILT_IN_ALLOWED = List.of("dev.peeper.");

    private static final ClusterSecurity NONE = new ClusterSecurity(null, List.of(), DEFAULT_MAX_MESSAGE_BYTES);

    private final byte[] secret;
    private final List<String> allowedClasses;
    private final int maxMessageBytes;

    private ClusterSecurity(byte[] secret, List<String> allowedClasses, int maxMessageBytes) {
        this.secret = secret;
        this.allowedClasses = List.copyOf(allowedClasses);
        this.maxMessageBytes = maxMessageBytes;
    }

    /** {@return no secret (an unauthenticated cluster), only the built-in allow-list, the default size limit} */
    public static ClusterSecurity none() {
        return NONE;
    }

    /**
     * These settings with the cluster secret {@code secret}, copied (clear your array afterwards if you like).
     *
     * @param secret at least {@value #MIN_SECRET_BYTES} random bytes, the same on every member
     * @return new settings
     * @throws IllegalArgumentException if it is shorter, or all one byte
     */
    public ClusterSecurity withSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the cluster secret has " + secret.length + " bytes; it needs at least "
                    + MIN_SECRET_BYTES + " random ones (e.g. the output of `openssl rand -base64 32`, the same on "
                    + "every member)");
        }
        byte first = secret[0];
        boolean uniform = true;
        for (byte b : secret) {
            uniform &= b == first;
        }
        if (uniform) {
            throw new IllegalArgumentException("the cluster secret is one byte repeated: use random bytes (e.g. the "
                    + "output of `openssl rand -base64 32`)");
        }
        return new ClusterSecurity(secret.clone(), allowedClasses, maxMessageBytes);
    }

    /**
     * These settings with the cluster secret {@code secret}, as its UTF-8 bytes.
     *
     * @param secret at least {@value #MIN_SECRET_BYTES} bytes of UTF-8, the same on every member
     * @return new settings
     */
    public ClusterSecurity withSecret(char[] secret) {
        Objects.requireNonNull(secret, "secret");
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(secret));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            try {
                return withSecret(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the cluster secret is not valid text (an unpaired surrogate)", e);
        }
    }

    /**
     * These settings with the cluster secret in the environment variable {@value #SECRET_ENV}: keeps it out of
     * code, configuration files and the command line (which {@code ps} shows).
     *
     * @return new settings
     * @throws IllegalArgumentException if the variable is not set, or too short
     */
    public ClusterSecurity withSecretFromEnv() {
        return withSecretFromEnv(SECRET_ENV);
    }

    /**
     * These settings with the cluster secret in the environment variable {@code variable}.
     *
     * @param variable the variable's name
     * @return new settings
     * @throws IllegalArgumentException if the variable is not set, or too short
     */
    public ClusterSecurity withSecretFromEnv(String variable) {
        String value = System.getenv(Objects.requireNonNull(variable, "variable"));
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the environment variable " + variable + " that should hold the "
                    + "cluster secret is not set: export " + variable + "=$(openssl rand -base64 32) (the same value "
                    + "on every member)");
        }
        return withSecret(value.toCharArray());
    }

    /**
     * These settings also allowing {@code classesOrPrefixes} to be deserialized when they arrive with Java
     * serialization: a class's full name ({@code com.example.Order}) or a package prefix ending in a dot
     * ({@code com.example.}). Give the same list on every member.
     *
     * @param classesOrPrefixes class names and package prefixes
     * @return new settings
     */
    public ClusterSecurity withAllowedClasses(String... classesOrPrefixes) {
        List<String> added = List.of(classesOrPrefixes);
        added.forEach(entry -> {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("an allowed class or package prefix must not be blank");
            }
        });
        return new ClusterSecurity(secret, Stream.concat(allowedClasses.stream(), added.stream()).toList(),
                maxMessageBytes);
    }

    /**
     * These settings refusing a message, request, reply or state larger than {@code bytes} once serialized.
     *
     * @param bytes the largest size, at least 1 KiB
     * @return new settings
     */
    public ClusterSecurity withMaxMessageBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + bytes);
        }
        return new ClusterSecurity(secret, allowedClasses, bytes);
    }

    /** {@return whether a cluster secret is set} */
    public boolean hasSecret() {
        return secret != null;
    }

    /** {@return the classes and package prefixes allowed besides the built-in ones} */
    public List<String> allowedClasses() {
        return allowedClasses;
    }

    /** {@return the largest serialized message, request, reply or state accepted} */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The secret itself, for the key derivation only; {@code null} if none. */
    byte[] secret() {
        return secret;
    }

    /** Whether {@code className} may be deserialized from Java serialization under these settings. */
    boolean allows(String className) {
        return Stream.concat(BUILT_IN_ALLOWED.stream(), allowedClasses.stream())
                .anyMatch(entry -> entry.endsWith(".") ? className.startsWith(entry) : className.equals(entry));
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "ClusterSecurity[secret=" + (secret == null ? "none" : "***") + ", allowedClasses=" + allowedClasses
                + ", maxMessageBytes=" + maxMessageBytes + "]";
    }
}
