/**
 * Helpers for code that runs Peeper in tests, samples and benchmarks, on the JDK alone:
 * {@link dev.peeper.testkit.LoopbackPorts} reserves ports on 127.0.0.1 for cluster members. A test depends on it
 * in test scope; nothing in a production application needs it.
 *
 * <pre>{@code
 * module com.example.shop.test {
 *     requires dev.peeper.testkit;
 * }
 * }</pre>
 */
module dev.peeper.testkit {
    exports dev.peeper.testkit;
}
