package org.example.outside;

import java.io.Serial;
import java.io.Serializable;

/**
 * A user's {@link Serializable} class outside Peeper's packages: refused when it arrives with Java serialization
 * unless the members allow it ({@code ClusterOptions.withAllowedClasses("org.example.outside.")}).
 *
 * @param contents anything
 */
public record Parcel(String contents) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
