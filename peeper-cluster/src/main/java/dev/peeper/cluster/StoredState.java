package dev.peeper.cluster;

import java.util.Objects;
import java.util.function.Function;

/**
 * A server's state as the state map carries it: serialized at most once, and passed on as its frame from then on. A
 * write's {@link KeeperEntry.Keep} holds the state as the worker kept it; the first time Hazelcast serializes it (the
 * new entry on the owner, or the backup's copy of the write) {@link KeeperSerializer} frames it and keeps the frame
 * here, and every later copy (the entry, the backup's operation, the backup's entry) writes the same bytes. A state
 * read from the map stays a frame until someone asks for the object ({@link #value}: a takeover, a conflict), so a
 * write's entry processor, which reads only the numbers of the entry it replaces, never decodes a state. (Before,
 * each write serialized the state three times and decoded it three times, across the owner and the backup.)
 */
final class StoredState {
    /** Turns a frame back into the state; throws (unchecked) if the frame is refused or cannot be read. */
    interface Decoder {
        Object decode(byte[] frame);
    }

    private final Decoder decoder;
    private volatile Object value;
    private volatile boolean decoded;
    private volatile byte[] frame;

    private StoredState(Object value, boolean decoded, byte[] frame, Decoder decoder) {
        this.value = value;
        this.decoded = decoded;
        this.frame = frame;
        this.decoder = decoder;
    }

    /** {@code value} as a worker kept it, not yet serialized; {@code null} (no state) for {@code null}. */
    static StoredState of(Object value) {
        return value == null ? null : new StoredState(value, true, null, null);
    }

    /** A state read as {@code frame}, decoded by {@code decoder} when first asked for. */
    static StoredState framed(byte[] frame, Decoder decoder) {
        return new StoredState(null, false, Objects.requireNonNull(frame, "frame"), decoder);
    }

    /** The state itself, decoded from its frame the first time (by any thread: decoding twice is harmless). */
    Object value() {
        if (!decoded) {
            value = decoder.decode(frame);
            decoded = true;
        }
        return value;
    }

    /** The state's frame, made by {@code encoder} the first time and kept for every later copy. */
    byte[] frame(Function<Object, byte[]> encoder) {
        byte[] framed = frame;
        if (framed == null) {
            framed = encoder.apply(value);
            frame = framed;
        }
        return framed;
    }

    /** Equal states, whichever form each is in. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredState that && Objects.equals(value(), that.value());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value());
    }

    @Override
    public String toString() {
        return decoded ? String.valueOf(value) : "(a state of " + frame.length + " bytes, not decoded)";
    }
}
