package dev.peeper.samples.cluster;

/** A step of a cluster demo did not go as it should; the message says which and what was seen. */
final class DemoFailed extends RuntimeException {
    DemoFailed(String message) {
        super(message);
    }
}
