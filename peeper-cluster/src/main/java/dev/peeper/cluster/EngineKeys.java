package dev.peeper.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.spi.impl.SerializationServiceSupport;

/**
 * A server's name as the engine keys its entries, serialized once by the thread that starts the server, for the
 * engine calls that the server's own virtual thread makes: its keeper's take-over and writes (and the backup checks of
 * each reply), its resume, the note of its move. The engine serializes a key on the calling thread, with a buffer
 * pool that it keeps for each thread as long as the thread lives (a 4 KB output buffer among it), and uses a key given
 * already serialized as it is. A server's thread lives as long as the server, so every server carried such a pool:
 * an idle distributed server held 15.0-15.4 KB across the cluster before, 10.8-11.2 KB since ({@code cluster-heap},
 * 5,000 servers, 2026-12-06). The starter's thread serializes many names with one pool. The bytes are the engine's own
 * serialization of the name, so the entries are the same whichever form of the key reaches the engine. (A server
 * that answers a caller on another member still gets a pool: the transport publishes the answer from its thread.)
 */
final class EngineKeys {
    private EngineKeys() {
    }

    /** {@code name} serialized by {@code hazelcast}, on this thread: to be passed to the engine as the key. */
    static Data of(HazelcastInstance hazelcast, Object name) {
        return ((SerializationServiceSupport) hazelcast).getSerializationService().toData(name);
    }
}
