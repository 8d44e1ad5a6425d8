package dev.peeper.cluster;

import dev.peeper.cluster.internal.ApiAccess;
import java.util.List;

/**
 * The {@link ApiAccess} of this package: the internal packages reach the package-private members of
 * {@link WireException} and {@link ClusterSecurity} through it, and through nothing else.
 */
enum InternalAccess implements ApiAccess {
    INSTANCE;

    @Override
    public WireException unserializable(WireException.Kind kind, Object value, Throwable cause) {
        return WireException.of(kind, value, cause);
    }

    @Override
    public WireException tooLarge(WireException.Kind kind, Object value, int bytes, int max) {
        return WireException.tooLarge(kind, value, bytes, max);
    }

    @Override
    public WireException unreadable(WireException.Kind kind, String failure) {
        return WireException.unreadable(kind, failure);
    }

    @Override
    public String rootCause(Throwable failure) {
        return WireException.rootCause(failure);
    }

    @Override
    public String tooLargeMark() {
        return WireException.TOO_LARGE_MARK;
    }

    @Override
    public byte[] secret(ClusterSecurity security) {
        return security.secret();
    }

    @Override
    public boolean allows(ClusterSecurity security, String className) {
        return security.allows(className);
    }

    @Override
    public List<String> builtInAllowed() {
        return ClusterSecurity.BUILT_IN_ALLOWED;
    }
}
