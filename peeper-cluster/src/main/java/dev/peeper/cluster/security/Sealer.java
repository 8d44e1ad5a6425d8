package dev.peeper.cluster.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals payloads with AES-256-GCM under a {@link ClusterKeys} key: whoever lacks the cluster secret can neither read
 * a sealed payload nor forge or alter one (the 128-bit tag covers the payload and a header sent in the clear, the
 * "associated data"). Thread-safe.
 *
 * <p>Nonces never repeat under one key: each sealer starts a 96-bit counter at a random value and counts up, so two
 * members (or two incarnations of one) would need overlapping ranges of a 2^96 space to collide.
 */
public final class Sealer {
    /** The nonce's length in bytes, GCM's standard. */
    public static final int NONCE_BYTES = 12;
    /** The tag's length in bytes. */
    public static final int TAG_BYTES = 16;
    /** What sealing adds to a payload. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;
    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterKeys keys;
    /** Ciphers for reuse: getting one costs more than sealing a small message; a cipher is not thread-safe. */
    private final ConcurrentLinkedQueue<Cipher> ciphers = new ConcurrentLinkedQueue<>();
    private final int nonceHigh;
    private final AtomicLong nonceLow;

    /**
     * A sealer with {@code keys}.
     *
     * @param keys the cluster's keys
     */
    public Sealer(ClusterKeys keys) {
        this.keys = keys;
        this.nonceHigh = RANDOM.nextInt();
        this.nonceLow = new AtomicLong(RANDOM.nextLong());
    }

    /**
     * {@code header}, then a fresh nonce, then {@code body} encrypted, with a tag over all three.
     *
     * @param header what travels in the clear, authenticated
     * @param body   what is encrypted
     * @return the sealed frame
     */
    public byte[] seal(byte[] header, byte[] body) {
        byte[] frame = new byte[header.length + NONCE_BYTES + body.length + TAG_BYTES];
        System.arraycopy(header, 0, frame, 0, header.length);
        ByteBuffer.wrap(frame, header.length, NONCE_BYTES).putInt(nonceHigh).putLong(nonceLow.getAndIncrement());
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, keys.sealing(),
                    new GCMParameterSpec(TAG_BYTES * 8, frame, header.length, NONCE_BYTES));
            cipher.updateAAD(frame, 0, header.length);
            cipher.doFinal(body, 0, body.length, frame, header.length + NONCE_BYTES);
            return frame;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal, which a Java SE never does", e);
        } finally {
            ciphers.offer(cipher);
        }
    }

    /**
     * The body of a frame {@link #seal} made whose header is its first {@code headerBytes}.
     *
     * @param frame       the sealed frame
     * @param headerBytes the length of its header
     * @return the body
     * @throws RefusedException if the frame was not sealed with this key, or was altered
     */
    public byte[] open(byte[] frame, int headerBytes) throws RefusedException {
        if (frame.length < headerBytes + OVERHEAD) {
            throw new RefusedException(RefusedException.Reason.MALFORMED, "a sealed frame of " + frame.length
                    + " bytes, too short to hold a nonce and a tag");
        }
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.DECRYPT_MODE, keys.sealing(),
                    new GCMParameterSpec(TAG_BYTES * 8, frame, headerBytes, NONCE_BYTES));
            cipher.updateAAD(frame, 0, headerBytes);
            int start = headerBytes + NONCE_BYTES;
            return cipher.doFinal(frame, start, frame.length - start);
        } catch (AEADBadTagException e) {
            throw new RefusedException(RefusedException.Reason.UNAUTHENTIC, "a frame whose tag does not match: "
                    + "sealed with another cluster secret (or for another cluster name), or altered on the way");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to open, which a Java SE never does", e);
        } finally {
            ciphers.offer(cipher);
        }
    }

    private Cipher cipher() {
        Cipher cipher = ciphers.poll();
        if (cipher != null) {
            return cipher;
        }
        try {
            return Cipher.getInstance(AES_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks AES/GCM/NoPadding, which every Java SE has", e);
        }
    }
}
