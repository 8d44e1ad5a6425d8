package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.serialization.impl.bufferpool.BufferPoolThreadLocal;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.peeper.process.Pid;
import dev.peeper.server.From;
import dev.peeper.server.Result;
import dev.peeper.server.ServerRef;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A distributed server's own virtual thread serializes nothing when it starts, takes its name over, writes its
 * updates and reads its state on the owner: the engine keeps a buffer pool for each thread that serializes (a 4 KB
 * output buffer among it) as long as the thread lives, and a server's thread lives as long as the server
 * ({@link EngineKeys}). Read from the engine's own pools (its internals, Hazelcast 5.7): each server's thread may
 * hold a pool for what it reads, but no output buffer in it. (A reply that finds its member's lease expired confirms
 * it on the server's thread, which serializes the question: rare, since a renewer confirms the lease four times in
 * each of its periods, and waited out here.)
 */
class EngineKeysTest {
    private static final int SERVERS = 8;

    /** The threads the servers of this test ran their callbacks on. */
    private static final Set<Thread> SERVER_THREADS = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"synchronous", "asynchronous"})
    void aServerThreadStartingUpdatingAndAnsweringOnTheOwnerKeepsNoOutputBuffer(String mode) throws Exception {
        Replication replication = mode.equals("synchronous") ? Replication.synchronous()
                : Replication.asynchronous(100, Duration.ofSeconds(30));
        List<PeeperCluster> members = cluster.start(2);
        Backups.awaitInPlace(members); // no migration moves a server off its owner meanwhile
        // each member's lease confirmed by its own renewer: else the first reply would confirm it, on its thread
        TestCluster.await(() -> members.stream().allMatch(member -> member.quorum().likely()), "leases confirmed");
        SERVER_THREADS.clear();
        for (int i = 0; i < SERVERS; i++) {
            String name = "noted-" + i;
            Pid pid = members.get(i % 2).startOnOwner(name,
                    ClusterStarters.peeper(ThreadNoting::new, 0, replication), TestCluster.TIMEOUT);
            PeeperCluster home = TestCluster.homeOf(members, pid);
            ServerRef byName = ServerRef.named(home.name(name));
            home.runAs(() -> byName.cast(5)); // a write
            assertThat(home.<Integer>callAs(() -> byName.call("get"))).isEqualTo(5); // waits for the write
        }
        assertThat(SERVER_THREADS).hasSize(SERVERS);

        List<String> holding = new ArrayList<>();
        for (PeeperCluster member : members) {
            for (Map.Entry<Thread, Object> pool : pools(member).entrySet()) {
                if (SERVER_THREADS.contains(pool.getKey()) && !outputs(pool.getValue()).isEmpty()) {
                    holding.add(pool.getKey() + " on " + member.hazelcast().getName());
                }
            }
        }
        assertThat(holding).as("server threads that hold an output buffer of the engine").isEmpty();
    }

    /** Each thread's pool of {@code member}'s serialization, by thread. */
    @SuppressWarnings("unchecked")
    private static Map<Thread, Object> pools(PeeperCluster member) throws ReflectiveOperationException {
        Object serialization = ((SerializationServiceSupport) member.hazelcast()).getSerializationService();
        Field perThread = field(serialization.getClass(), "bufferPoolThreadLocal");
        BufferPoolThreadLocal pools = (BufferPoolThreadLocal) perThread.get(serialization);
        return (Map<Thread, Object>) field(BufferPoolThreadLocal.class, "strongReferences").get(pools);
    }

    /** The output buffers a pool keeps for its thread's next serialization. */
    private static Collection<?> outputs(Object pool) throws ReflectiveOperationException {
        return (Collection<?>) field(pool.getClass(), "outputQueue").get(pool);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException notHere) {
                // its superclass, then
            }
        }
        throw new NoSuchFieldException(name + " in " + type.getName() + " (the engine's internals changed?)");
    }

    /** A counter that notes the thread each of its callbacks runs on. */
    static final class ThreadNoting extends Counter {
        @Override
        public Result<Integer> init(Object start) {
            SERVER_THREADS.add(Thread.currentThread());
            return super.init(start);
        }

        @Override
        public Result<Integer> handleCall(Object request, From<Object> from, Integer count) {
            SERVER_THREADS.add(Thread.currentThread());
            return super.handleCall(request, from, count);
        }
    }
}
