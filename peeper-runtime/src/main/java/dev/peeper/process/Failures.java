package dev.peeper.process;

import org.slf4j.Logger;

/**
 * Logging what user code threw, when the throwable itself may be hostile: an exception whose {@code getMessage()}
 * or {@code toString()} throws makes {@code printStackTrace} (and so most loggers) throw in turn. The end of a
 * process logs through here, since nothing may cut it short.
 */
final class Failures {
    private Failures() {
    }

    /** {@code failure.toString()}, or its class name when that throws. */
    static String describe(Throwable failure) {
        try {
            return failure.toString();
        } catch (Throwable unreadable) {
            return failure.getClass().getName() + " (its message could not be read: "
                    + unreadable.getClass().getName() + ")";
        }
    }

    /**
     * Logs {@code what} as an error with {@code failure}'s stack trace, or, if that fails, with its class name only.
     * Never throws.
     */
    static void log(Logger log, String what, Throwable failure) {
        try {
            log.error(what, failure);
        } catch (Throwable unprintable) {
            try {
                log.error("{}: {} (its stack trace could not be printed)", what, describe(failure));
            } catch (Throwable ignored) {
                // nowhere left to tell it: the caller goes on regardless
            }
        }
    }
}
