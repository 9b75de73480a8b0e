package org.fillwatch.pavilion;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sampling intervals such as {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or plain seconds. */
final class Intervals {

    static final Duration MIN = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofHours(24);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    private Intervals() {
    }

    /** The interval, or throws IllegalArgumentException with a message fit for the user. */
    static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 5s, 2m, 1h or plain seconds, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("must be within 100ms..24h, got '" + text + "'");
        }
        return d;
    }
}
