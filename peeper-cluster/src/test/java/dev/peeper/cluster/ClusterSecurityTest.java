package dev.peeper.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peeper.cluster.security.ClusterKeys;
import dev.peeper.cluster.security.RefusedException;
import dev.peeper.cluster.security.RefusedException.Reason;
import dev.peeper.cluster.security.ReplayWindow;
import dev.peeper.cluster.security.Sealer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The settings' checks and the cryptography under them, without a cluster. */
class ClusterSecurityTest {
    private static final byte[] SECRET = "sixteen bytes at least, random!!".getBytes(StandardCharsets.UTF_8);

    @Test
    void aShortOrUniformSecretIsRefusedWithWhatToUse() {
        assertThatThrownBy(() -> ClusterOptions.named("c").withSecret("short".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 5 bytes; it needs at least 16").hasMessageContaining("openssl rand");
        assertThatThrownBy(() -> ClusterOptions.named("c").withSecret(new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one byte repeated");
        assertThatThrownBy(() -> ClusterSecurity.none().withSecretFromEnv("PEEPER_TEST_SURELY_UNSET_VARIABLE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PEEPER_TEST_SURELY_UNSET_VARIABLE").hasMessageContaining("is not set");
        assertThatThrownBy(() -> ClusterOptions.named("c").withMaxMessageBytes(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1024");
    }

    @Test
    void theSecretNeverShowsAndTheDefaultIsUnauthenticated() {
        ClusterOptions options = ClusterOptions.named("c").withSecret(SECRET);
        assertThat(options.toString()).doesNotContain("sixteen").contains("secret=***");
        assertThat(options.security().hasSecret()).isTrue();
        assertThat(ClusterOptions.named("c").security().hasSecret()).isFalse();
    }

    @Test
    void theAllowListTakesClassesAndPackagePrefixes() {
        ClusterSecurity security = ClusterSecurity.none().withAllowedClasses("com.example.Order", "org.shop.");
        assertThat(security.allows("com.example.Order")).isTrue();
        assertThat(security.allows("com.example.OrderLine")).isFalse();
        assertThat(security.allows("org.shop.cart.Cart")).isTrue();
        assertThat(security.allows("dev.peeper.cluster.transport.Wire")).isTrue();
        assertThat(security.allows("org.apache.commons.collections.functors.InvokerTransformer")).isFalse();
    }

    @Test
    void aSealedFrameOpensOnlyWithTheSameSecretAndClusterNameAndUnaltered() throws Exception {
        byte[] header = {9, 8, 7};
        byte[] body = "the body".getBytes(StandardCharsets.UTF_8);
        byte[] frame = new Sealer(ClusterKeys.derive(SECRET, "orders")).seal(header, body);

        assertThat(new Sealer(ClusterKeys.derive(SECRET, "orders")).open(frame, header.length)).isEqualTo(body);
        assertRefused(() -> new Sealer(ClusterKeys.derive(SECRET, "billing")).open(frame, header.length));
        byte[] otherSecret = SECRET.clone();
        otherSecret[0] ^= 1;
        assertRefused(() -> new Sealer(ClusterKeys.derive(otherSecret, "orders")).open(frame, header.length));
        for (int i : new int[] {0, header.length, frame.length - 1}) { // the header, the nonce, the tag
            byte[] altered = frame.clone();
            altered[i] ^= 1;
            assertRefused(() -> new Sealer(ClusterKeys.derive(SECRET, "orders")).open(altered, header.length));
        }
    }

    @Test
    void theReplayWindowTakesEachNumberOnceInAnyOrderWithinItsWidth() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.accept(5)).isTrue();
        assertThat(window.accept(3)).isTrue();
        assertThat(window.accept(5)).isFalse();
        assertThat(window.accept(3)).isFalse();
        assertThat(window.accept(5 + ReplayWindow.WIDTH)).isTrue();
        assertThat(window.accept(5)).as("too old to tell").isFalse();
        assertThat(window.accept(6)).as("within the width").isTrue();
        assertThat(window.accept(0)).isFalse();
    }

    private interface Opening {
        void open() throws RefusedException;
    }

    private static void assertRefused(Opening opening) {
        assertThatThrownBy(opening::open).isInstanceOfSatisfying(RefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UNAUTHENTIC));
    }
}
