package dev.peeper.cluster.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys a cluster secret gives, derived with HKDF-SHA256 (RFC 5869) salted with the cluster's name, so that two
 * clusters sharing a secret by mistake still cannot read each other: one key for AES-256-GCM sealing. HKDF, not a
 * password hash (PBKDF2): the secret is meant to be random bytes ({@code openssl rand -base64 32}), for which a slow
 * hash adds nothing; a short or guessable one is refused before it gets here.
 */
public final class ClusterKeys {
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec sealing;

    private ClusterKeys(SecretKeySpec sealing) {
        this.sealing = sealing;
    }

    /**
     * Derives the keys of cluster {@code clusterName} from {@code secret}.
     *
     * @param secret      the cluster secret, at least 16 bytes (checked by the caller)
     * @param clusterName the cluster's name: the salt
     * @return the keys
     */
    public static ClusterKeys derive(byte[] secret, String clusterName) {
        byte[] salt = ("peeper-cluster-v1/" + clusterName).getBytes(StandardCharsets.UTF_8);
        byte[] prk = hmac(salt, secret);
        byte[] okm = hmac(prk, concat("peeper sealing key".getBytes(StandardCharsets.UTF_8), new byte[] {1}));
        Arrays.fill(prk, (byte) 0);
        return new ClusterKeys(new SecretKeySpec(okm, "AES"));
    }

    /** The AES-256 key that seals payloads. */
    SecretKeySpec sealing() {
        return sealing;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks HmacSHA256, which every Java SE has", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    public String toString() {
        return "ClusterKeys[***]";
    }
}
