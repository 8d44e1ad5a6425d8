package dev.peeper.cluster;

import dev.peeper.annotations.GenServer;
import dev.peeper.server.Next;
import dev.peeper.server.Reply;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;

/**
 * A {@code @GenServer} for the tests of what cannot cross the wire: it holds any value, answers on request with
 * one that cannot cross ({@link Thing}) or cannot be read on the other side ({@link Fragile}), and can be made to
 * produce a state that cannot be replicated.
 */
@GenServer
@SuppressWarnings("GenServerMutableState") // the state is any value on purpose
public class Box {
    /**
     * Crosses to no other member: not {@code Serializable}, and Hazelcast's zero-configuration Compact, which
     * writes records and plain classes alike, refuses its field of type {@code Object}.
     */
    public static final class Thing {
        private final Object inside = "inside";

        @Override
        public String toString() {
            return "a thing with " + inside;
        }
    }

    /** Crosses to another member, but cannot be read there: its deserialization always fails. */
    public static final class Fragile implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("a Fragile cannot be read");
        }
    }

    /** Answered with {@code value}; {@code Serializable}, since Compact refuses a component of type Object. */
    public record Echo(Object value) implements Serializable {
    }

    /** Answered with a {@link Thing}. */
    public record Make() {
    }

    /** Answered with a {@link Fragile}. */
    public record Shatter() {
    }

    /** Answered with the state. */
    public record Peek() {
    }

    /** Makes a {@link Thing} the state. */
    public record Spoil() {
    }

    /** Makes {@code value} the state; {@code Serializable}, as {@link Echo}. */
    public record Put(Object value) implements Serializable {
    }

    Object init(Object start) {
        return start;
    }

    Reply<Object, Object> handleCall(Echo echo, Object state) {
        return Reply.of(echo.value(), state);
    }

    Reply<Thing, Object> handleCall(Make make, Object state) {
        return Reply.of(new Thing(), state);
    }

    Reply<Fragile, Object> handleCall(Shatter shatter, Object state) {
        return Reply.of(new Fragile(), state);
    }

    Reply<Object, Object> handleCall(Peek peek, Object state) {
        return Reply.of(state, state);
    }

    Reply<String, Object> handleCall(Spoil spoil, Object state) {
        return Reply.of("spoiled", new Thing());
    }

    Next<Object> handleCast(Put put, Object state) {
        return Next.of(put.value());
    }
}
