package dev.peeper.cluster.transport;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import dev.peeper.cluster.RemoteException;
import dev.peeper.process.ExitReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Exit reasons and exceptions on the wire. A reason always arrives, even when what it carries cannot travel: an
 * exception that Java serialization cannot write arrives as a {@link RemoteException} with its class, message and
 * stack trace; a term that is not {@link Serializable} arrives as its {@code toString()}.
 *
 * <p>Internal to the cluster module (its package is not exported): public because a server resumed in the root
 * package ends its previous run with {@link #NOCONNECTION}.
 */
public final class WireReasons {
    /** What a watcher or a linked process is told when the member of the process it watches leaves. */
    public static final ExitReason NOCONNECTION = ExitReason.of("noconnection");

    private WireReasons() {
    }

    static void write(ObjectDataOutput out, ExitReason reason) throws IOException {
        switch (reason) {
            case null -> out.writeByte(0);
            case ExitReason.Normal normal -> out.writeByte(1);
            case ExitReason.Shutdown shutdown -> {
                out.writeByte(2);
                out.writeObject(portable(shutdown.detail()));
            }
            case ExitReason.Kill kill -> out.writeByte(3);
            case ExitReason.Killed killed -> out.writeByte(4);
            case ExitReason.NoProc noproc -> out.writeByte(5);
            case ExitReason.Crash crash -> {
                out.writeByte(6);
                writeThrowable(out, crash.exception());
            }
            case ExitReason.Custom custom -> {
                out.writeByte(7);
                out.writeObject(portable(custom.term()));
            }
        }
    }

    static ExitReason read(ObjectDataInput in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 0 -> null;
            case 1 -> ExitReason.normal();
            case 2 -> {
                Object detail = in.readObject();
                yield detail == null ? ExitReason.shutdown() : ExitReason.shutdown(detail);
            }
            case 3 -> ExitReason.kill();
            case 4 -> ExitReason.killed();
            case 5 -> ExitReason.noproc();
            case 6 -> ExitReason.crash(readThrowable(in));
            case 7 -> ExitReason.of(in.readObject());
            default -> throw new IOException("unknown exit reason kind " + kind);
        };
    }

    /** Writes {@code failure} (or {@code null}) with Java serialization, or its stand-in if that fails. */
    static void writeThrowable(ObjectDataOutput out, Throwable failure) throws IOException {
        out.writeByteArray(failure == null ? null : bytes(failure));
    }

    static Throwable readThrowable(ObjectDataInput in) throws IOException {
        byte[] bytes = in.readByteArray();
        if (bytes == null) {
            return null;
        }
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            objects.setObjectInputFilter(WireReasons::allowedInException);
            return (Throwable) objects.readObject();
        } catch (ClassNotFoundException e) {
            return new RemoteException("an exception of a class this member does not have: " + e.getMessage());
        } catch (InvalidClassException | ClassCastException e) {
            return new RemoteException("an exception holding a class outside the allow-list (any exception class, "
                    + "java.*, com.hazelcast.*, dev.peeper.*), refused unread: " + e.getMessage());
        }
    }

    /**
     * What an exception from another member may hold: any exception class (a failure may be of any class on the class
     * path), and otherwise only the JDK's, Hazelcast's and Peeper's classes, so that no gadget chain rides on it.
     */
    private static ObjectInputFilter.Status allowedInException(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        String name = type.getName();
        return type.isPrimitive() || Throwable.class.isAssignableFrom(type) || name.startsWith("java.")
                || name.startsWith("com.hazelcast.") || name.startsWith("dev.peeper.")
                ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }

    private static byte[] bytes(Throwable failure) throws IOException {
        try {
            return serialize(failure);
        } catch (IOException | RuntimeException e) {
            return serialize(standIn(failure));
        }
    }

    private static RemoteException standIn(Throwable original) {
        RemoteException standIn = new RemoteException(original.getClass().getName() + ": " + original.getMessage()
                + " (on another member; the exception itself could not be sent)");
        standIn.setStackTrace(original.getStackTrace());
        return standIn;
    }

    private static byte[] serialize(Throwable failure) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(buffer)) {
            objects.writeObject(failure);
        }
        return buffer.toByteArray();
    }

    private static Object portable(Object term) {
        return term == null || term instanceof Serializable || term instanceof Record ? term : term.toString();
    }
}
