package dev.peeper.processor.validate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code @GenServer(callTimeout)}: an ISO-8601 duration, or a number with a unit. */
final class CallTimeouts {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private CallTimeouts() {
    }

    /** The positive duration {@code text} means, or empty if it means none. */
    static Optional<Duration> parse(String text) {
        String trimmed = text.trim();
        Duration duration;
        Matcher matcher = WITH_UNIT.matcher(trimmed.toLowerCase(Locale.ROOT));
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                duration = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } else {
                duration = Duration.parse(trimmed);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
        return duration.isNegative() || duration.isZero() || duration.toMillis() == 0
                ? Optional.empty() : Optional.of(duration);
    }
}
