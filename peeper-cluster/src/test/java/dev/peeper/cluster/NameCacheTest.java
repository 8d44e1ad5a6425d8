package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peeper.process.Pid;
import dev.peeper.process.Proc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The name cache alone: hits only, and a forget that races a fill is not undone by it. */
class NameCacheTest {
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
        assertThat(cache.fill("missing", () -> null)).isNull();
        assertThat(cache.fill("kept", () -> holder)).isEqualTo(holder);

        assertThat(cache.get("missing")).isNull();
        assertThat(cache.get("kept")).isEqualTo(holder);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aForgetThatArrivesWhileTheMapIsReadDropsWhatWasRead() {
        // the map answered the old holder just before the removal, whose forget arrives before the fill keeps it
        Pid read = cache.fill("moved", () -> {
            cache.forget("moved", holder);
            return holder;
        });

        assertThat(read).as("what the map said when read").isEqualTo(holder);
        assertThat(cache.get("moved")).as("not kept: the map may no longer hold it").isNull();
    }

    @Test
    void aForgetDropsOnlyTheBindingItNames() {
        cache.fill("a", () -> holder);
        cache.fill("b", () -> holder);
        cache.fill("c", () -> other);

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
