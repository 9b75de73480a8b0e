package org.fillwatch.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Periods and days as the city counts them: in the zone of {@code fillwatch.incidents.forecast.zone}
 * (the one zone setting the service has; empty = the system zone), so "Monday 08:00" and "today"
 * mean the same on the trends page as in the forecast.
 */
@Component
class CityPeriod {

    /** The longest period one trends request may cover. */
    static final Duration MAX_SPAN = Duration.ofDays(400);

    private final ZoneId zone;

    CityPeriod(@Value("${fillwatch.incidents.forecast.zone:}") String zone) {
        try {
            this.zone = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("fillwatch.incidents.forecast.zone: unknown zone '" + zone + "'", e);
        }
    }

    ZoneId zone() {
        return zone;
    }

    record Period(Instant from, Instant to) {
    }

    /**
     * {@code from} and {@code to} as dates ({@code 2026-11-01}: that day's midnight in the city; a
     * {@code to} date includes its whole day) or instants ({@code 2026-11-01T06:00:00Z}). Default:
     * the last 7 days up to the end of today.
     */
    Period period(String from, String to, Instant now) {
        Instant end = to == null || to.isBlank() ? startOfDay(LocalDate.ofInstant(now, zone).plusDays(1))
                : parse("to", to, true);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(7)) : parse("from", from, false);
        if (!start.isBefore(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "from .. to may span at most " + MAX_SPAN.toDays() + " days");
        }
        return new Period(start, end);
    }

    /** One day of the city, {@code date} as {@code 2026-11-25}; null for today. */
    Period day(String date, Instant now) {
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? LocalDate.ofInstant(now, zone) : LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "date must look like 2026-11-25, got '" + date + "'");
        }
        return new Period(startOfDay(day), startOfDay(day.plusDays(1)));
    }

    private Instant parse(String field, String value, boolean endOfDay) {
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return startOfDay(endOfDay ? day.plusDays(1) : day);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    field + " must be a date (2026-11-25) or an instant (2026-11-25T06:00:00Z), got '" + value + "'");
        }
    }

    private Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
