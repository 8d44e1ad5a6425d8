package dev.peeper.cluster.internal;

import dev.peeper.cluster.ClusterSecurity;
import dev.peeper.cluster.WireException;
import java.util.List;

/**
 * Internal to the cluster module: what its internal packages need of the API's classes that those keep
 * package-private, so that it stays out of the API (how a {@link WireException} is made and described, a
 * {@link ClusterSecurity}'s secret and allow-list). {@code dev.peeper.cluster} implements it and hands it to the
 * transport, its serializers and a member's security when it makes them.
 */
public interface ApiAccess {
    /**
     * {@code value}, of {@code kind}, could not be serialized; {@code cause} says why.
     *
     * @param kind  what could not cross
     * @param value the value
     * @param cause why
     * @return the exception to throw
     */
    WireException unserializable(WireException.Kind kind, Object value, Throwable cause);

    /**
     * {@code value}, of {@code kind}, is {@code bytes} long once serialized, over the limit {@code max}.
     *
     * @param kind  what could not cross
     * @param value the value
     * @param bytes its size serialized
     * @param max   the limit
     * @return the exception to throw
     */
    WireException tooLarge(WireException.Kind kind, Object value, int bytes, int max);

    /**
     * A call's request or reply crossed but could not be read on the member it reached; {@code failure} says why.
     *
     * @param kind    {@code REQUEST} or {@code REPLY}
     * @param failure why
     * @return the exception to throw
     */
    WireException unreadable(WireException.Kind kind, String failure);

    /**
     * The innermost cause of {@code failure}, as class and message.
     *
     * @param failure a failure
     * @return its root cause, described
     */
    String rootCause(Throwable failure);

    /** {@return what the failure of a value refused on receipt for its size says, so that the sender can tell} */
    String tooLargeMark();

    /**
     * The secret of {@code security}, for the key derivation only.
     *
     * @param security the settings
     * @return the secret, or {@code null} if none
     */
    byte[] secret(ClusterSecurity security);

    /**
     * Whether {@code className} may be deserialized from Java serialization under {@code security}.
     *
     * @param security  the settings
     * @param className a class's name
     * @return whether it is allowed
     */
    boolean allows(ClusterSecurity security, String className);

    /** {@return the classes and package prefixes always allowed to be deserialized besides Hazelcast's defaults} */
    List<String> builtInAllowed();
}
