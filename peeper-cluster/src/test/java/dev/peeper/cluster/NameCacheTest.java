package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import dev.peeper.process.internal.RemoteNodes;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The name cache alone: hits of reachable holders only, and a forget that races a fill is not undone by it. */
class NameCacheTest {
    private static final Predicate<Pid> REACHABLE = pid -> true;
    private final NameCache cache = new NameCache();
    private final Pid holder = Proc.spawn(Proc::receive);
    private final Pid other = Proc.spawn(Proc::receive);

    @AfterEach
    void stop() {
        Proc.send(holder, "stop");
        Proc.send(other, "stop");
    }

    @Test
    void aFillKeepsAHolderAndNeverAMiss() {
        assertThat(cache.fill("missing", () -> null, REACHABLE)).isNull();
        assertThat(cache.fill("kept", () -> holder, REACHABLE)).isEqualTo(holder);

        assertThat(cache.get("missing")).isNull();
        assertThat(cache.get("kept")).isEqualTo(holder);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFillDoesNotKeepAHolderWhoseMemberIsAway() {
        // its member may come back with its node number (a merge after a split) after the name moved on
        assertThat(cache.fill("away", () -> holder, pid -> false)).as("what the map said").isEqualTo(holder);

        assertThat(cache.get("away")).isNull();
    }

    @Test
    void aFillDoesNotKeepAHolderWhoseMemberLeftWhileTheMapWasRead() {
        Pid read = cache.fill("left", () -> {
            cache.forgetNode(RemoteNodes.nodeOf(holder));
            return holder;
        }, REACHABLE);

        assertThat(read).isEqualTo(holder);
        assertThat(cache.get("left")).isNull();
    }

    @Test
    void aForgetThatArrivesWhileTheMapIsReadDropsWhatWasRead() {
        // the map answered the old holder just before the removal, whose forget arrives before the fill keeps it
        Pid read = cache.fill("moved", () -> {
            cache.forget("moved", holder);
            return holder;
        }, REACHABLE);

        assertThat(read).as("what the map said when read").isEqualTo(holder);
        assertThat(cache.get("moved")).as("not kept: the map may no longer hold it").isNull();
    }

    @Test
    void aForgetDropsOnlyTheBindingItNames() {
        cache.fill("a", () -> holder, REACHABLE);
        cache.fill("b", () -> holder, REACHABLE);
        cache.fill("c", () -> other, REACHABLE);

        cache.forget("a", other); // not a's holder: a stays
        assertThat(cache.get("a")).isEqualTo(holder);

        cache.forget("a", holder);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isEqualTo(holder);

        cache.forget(null, holder); // a name that could not travel: every name of the pid
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isEqualTo(other);
    }
}
