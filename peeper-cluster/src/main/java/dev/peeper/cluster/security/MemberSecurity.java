package dev.peeper.cluster.security;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.peeper.cluster.ClusterSecurity;
import dev.peeper.cluster.PeeperCluster;
import dev.peeper.cluster.WireException;
import dev.peeper.cluster.internal.ApiAccess;
import dev.peeper.cluster.security.RefusedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;

/**
 * One member's {@link ClusterSecurity} at work: frames every payload Peeper puts on the wire or in a map (sealed
 * when a secret is set, plain otherwise, refused when the two sides disagree), enforces the size limit, and checks
 * Java-serialized values against the allow-list. Kept in the Hazelcast config's user context, so the serializers
 * and the transport of one member share it (tests run members with different secrets in one JVM).
 *
 * <p>A frame is {@code version, purpose, sealed, extra header..., body}: the purpose (a transport message, a state,
 * a starter) is authenticated with the rest, so a sealed payload cannot be passed off as another kind.
 *
 * <p>Internal to the cluster module: public for the transport and the serializers, in other packages.
 */
public final class MemberSecurity {
    /** Where {@code HazelcastSettings} keeps it in the Config's (and so the member's) user context. */
    static final String USER_CONTEXT_KEY = "peeper.security";
    /**
     * Where {@link PeeperCluster#prepare(Config, ClusterSecurity)} leaves the settings for
     * {@link #of(Config, ApiAccess)}.
     */
    public static final String SETTINGS_KEY = "peeper.security.settings";

    public static final byte VERSION = 1;
    /** A message of the transport ({@code NodeTransport}). */
    public static final byte TRANSPORT = 1;
    /** A state a keeper replicates. */
    public static final byte STATE = 2;
    /** A server's starter, on its way to the owner or kept for failover. */
    public static final byte STARTER = 3;
    /** The bytes before a frame's extra header. */
    public static final int BASE_HEADER = 3;

    private final ClusterSecurity settings;
    private final Sealer sealer;
    private final ApiAccess api;

    private MemberSecurity(ClusterSecurity settings, String clusterName, ApiAccess api) {
        this.settings = settings;
        this.api = api;
        this.sealer = settings.hasSecret() ? new Sealer(ClusterKeys.derive(api.secret(settings), clusterName)) : null;
    }

    /**
     * The security of a member configured by {@code config}: made once (its settings read through {@code api}),
     * then shared.
     */
    public static MemberSecurity of(Config config, ApiAccess api) {
        Object existing = config.getUserContext().get(USER_CONTEXT_KEY);
        if (existing instanceof MemberSecurity security) {
            return security;
        }
        Object settings = config.getUserContext().getOrDefault(SETTINGS_KEY, ClusterSecurity.none());
        MemberSecurity security = new MemberSecurity((ClusterSecurity) settings, config.getClusterName(), api);
        config.getUserContext().put(USER_CONTEXT_KEY, security);
        config.getSerializationConfig().setJavaSerializationFilterConfig(security.filterConfig());
        return security;
    }

    /** The security {@link #of(Config, ApiAccess)} made for {@code config}, a prepared configuration. */
    public static MemberSecurity of(Config config) {
        Object security = config.getUserContext().get(USER_CONTEXT_KEY);
        if (security == null) {
            throw new IllegalStateException("this configuration was not prepared by PeeperCluster.prepare(config)");
        }
        return (MemberSecurity) security;
    }

    /** The security of running member {@code hazelcast}. */
    public static MemberSecurity of(HazelcastInstance hazelcast) {
        Object security = hazelcast.getUserContext().get(USER_CONTEXT_KEY);
        if (security == null) {
            throw new IllegalStateException("this Hazelcast member was not prepared by PeeperCluster.prepare(config)");
        }
        return (MemberSecurity) security;
    }

    /** Whether payloads are sealed: a secret is set. */
    public boolean sealed() {
        return sealer != null;
    }

    ClusterSecurity settings() {
        return settings;
    }

    public int maxMessageBytes() {
        return settings.maxMessageBytes();
    }

    /** The extra header of a frame, after the base one: authenticated, in the clear ({@code TransportFrame}'s). */
    public interface ExtraHeader {
        /** None: a frame whose purpose says all its receiver needs before it opens the body (a state, a starter). */
        ExtraHeader NONE = new ExtraHeader() {
            @Override
            public int bytes() {
                return 0;
            }

            @Override
            public void writeAt(byte[] into, int at) {
            }
        };

        /** {@return its length} */
        int bytes();

        /** Writes it into {@code into} from {@code at} on. */
        void writeAt(byte[] into, int at);
    }

    /**
     * {@code body} framed for {@code purpose}, after {@code extra}. Without a secret every remote message takes this
     * path: one array, the headers and the body written into it, nothing else made.
     */
    public byte[] frame(byte purpose, ExtraHeader extra, byte[] body) {
        int headerBytes = BASE_HEADER + extra.bytes();
        if (sealed()) {
            byte[] header = new byte[headerBytes];
            writeHeader(header, purpose, extra);
            return sealer.seal(header, body);
        }
        byte[] frame = new byte[headerBytes + body.length];
        writeHeader(frame, purpose, extra);
        System.arraycopy(body, 0, frame, headerBytes, body.length);
        return frame;
    }

    private void writeHeader(byte[] into, byte purpose, ExtraHeader extra) {
        into[0] = VERSION;
        into[1] = purpose;
        into[2] = (byte) (sealed() ? 1 : 0);
        extra.writeAt(into, BASE_HEADER);
    }

    /**
     * {@link #open} after a check of the size, before anything else: for payloads whose refusal only needs a log.
     *
     * @throws RefusedException as {@link #open} does, or if the frame is over the size limit
     */
    public byte[] openWithinLimit(byte purpose, byte[] frame) throws RefusedException {
        requireWithinLimit(frame);
        return open(purpose, frame, 0);
    }

    /**
     * Refuses {@code frame} if it is over the size limit: the check {@link #openWithinLimit} makes first, for a frame
     * kept unopened until its body is needed.
     *
     * @throws RefusedException if the frame is over the size limit
     */
    public void requireWithinLimit(byte[] frame) throws RefusedException {
        if (frame != null && frame.length > settings.maxMessageBytes() + BASE_HEADER + Sealer.OVERHEAD) {
            throw new RefusedException(Reason.TOO_LARGE, "a frame of " + frame.length + " bytes, "
                    + api.tooLargeMark() + " of " + settings.maxMessageBytes()
                    + " bytes (ClusterOptions.withMaxMessageBytes; give every member the same)");
        }
    }

    /**
     * The body of {@code frame}, made by {@link #frame} for {@code purpose} with {@code extraBytes} of extra header;
     * its size is not checked (the caller does, once it knows whom to tell).
     *
     * @throws RefusedException if it is malformed, too large, of another purpose, or fails authentication
     */
    public byte[] open(byte purpose, byte[] frame, int extraBytes) throws RefusedException {
        int headerBytes = BASE_HEADER + extraBytes;
        if (frame == null || frame.length < headerBytes || frame[0] != VERSION) {
            throw new RefusedException(Reason.MALFORMED, "not a Peeper frame of version " + VERSION
                    + " (is every member running the same Peeper version?)");
        }
        if (frame[1] != purpose) {
            throw new RefusedException(Reason.MALFORMED, "a frame of purpose " + frame[1] + " where " + purpose
                    + " belongs");
        }
        boolean frameSealed = frame[2] == 1;
        if (frameSealed != sealed()) {
            throw new RefusedException(Reason.UNAUTHENTIC, frameSealed
                    ? "a sealed frame, but this member has no cluster secret: configure the same secret on every "
                    + "member (ClusterOptions.withSecret)"
                    : "an unsealed frame, but this member requires the cluster secret: the sender has none");
        }
        return sealed() ? sealer.open(frame, headerBytes) : Arrays.copyOfRange(frame, headerBytes, frame.length);
    }

    /** Refuses {@code body} of {@code kind} if larger than the limit, with what to do about it. */
    public void checkSize(WireException.Kind kind, Object value, int bodyBytes) {
        if (bodyBytes > settings.maxMessageBytes()) {
            throw api.tooLarge(kind, value, bodyBytes, settings.maxMessageBytes());
        }
    }

    // ---- Java serialization, with the allow-list ----

    /** {@code value} with Java serialization, sealed for {@code purpose}. */
    public byte[] sealJava(byte purpose, Object value) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(buffer)) {
            objects.writeObject(value);
        }
        return frame(purpose, ExtraHeader.NONE, buffer.toByteArray());
    }

    /** What {@link #sealJava} sealed, read through the allow-list. */
    public Object openJava(byte purpose, byte[] frame) throws IOException, RefusedException {
        return readJava(openWithinLimit(purpose, frame), false);
    }

    /**
     * Reads Java-serialized {@code bytes}, refusing any class outside the allow-list (and, when
     * {@code anyThrowable}, allowing every exception class: a failure may be of any class on the class path).
     */
    Object readJava(byte[] bytes, boolean anyThrowable) throws IOException {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            objects.setObjectInputFilter(info -> check(info, anyThrowable));
            return objects.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("a class this member does not have: " + e.getMessage(), e);
        } catch (InvalidClassException e) {
            throw new IOException(e.getMessage() == null ? "a class outside the allow-list" : e.getMessage(), e);
        }
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info, boolean anyThrowable) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || allowed(type.getName()) || (anyThrowable && Throwable.class.isAssignableFrom(type))) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    /** Whether {@code className} may be deserialized: Hazelcast's defaults, Peeper's, the user's. */
    boolean allowed(String className) {
        return className.startsWith("java.") || className.startsWith("com.hazelcast.")
                || api.allows(settings, className);
    }

    /**
     * Hazelcast's own Java deserialization filter with the same allow-list: its defaults ({@code java},
     * {@code com.hazelcast.}, arrays, and its list of known gadget classes refused) plus Peeper's and the user's.
     */
    private JavaSerializationFilterConfig filterConfig() {
        ClassFilter allowed = new ClassFilter();
        api.builtInAllowed().forEach(allowed::addPrefixes);
        for (String entry : settings.allowedClasses()) {
            if (entry.endsWith(".")) {
                allowed.addPrefixes(entry);
            } else {
                allowed.addClasses(entry);
            }
        }
        return new JavaSerializationFilterConfig().setWhitelist(allowed);
    }

    /** What a refused class's error says to do. */
    public static String howToAllow(String failure) {
        return failure + " — Peeper reads Java-serialized values only of allowed classes: add the class or its "
                + "package prefix with ClusterOptions.withAllowedClasses(\"com.example.\") on every member, or make "
                + "it a record (records travel as Compact and need no entry)";
    }
}
