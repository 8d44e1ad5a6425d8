package dev.peeper.process.internal;

/**
 * Marks a message that the runtime serves before every ordinary message in the mailbox, as OTP serves system
 * messages first. The generic server uses it for {@code sys}-style requests (get state, suspend, ...); user
 * messages should not implement it.
 */
public interface SystemMessage {
}
