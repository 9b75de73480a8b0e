package org.fillwatch.incident;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code fillwatch.incidents.*}.
 *
 * @param deadlines       how long an incident may stay open before it escalates: per type, with
 *                        per-carrier overrides
 * @param escalationCheck how often open incidents are checked against their deadline
 */
@ConfigurationProperties("fillwatch.incidents")
record IncidentProperties(@DefaultValue Deadlines deadlines,
                          @DefaultValue("1m") Duration escalationCheck) {

    /**
     * {@code fillwatch.incidents.deadlines.default.{type}} and
     * {@code fillwatch.incidents.deadlines.carriers.{carrier}.{type}}; types as in {@link IncidentType},
     * any case, dashes or underscores (full, forecast-full, CAMERA_OFFLINE).
     */
    record Deadlines(@Name("default") Map<String, Duration> defaults, Map<String, Map<String, Duration>> carriers) {
    }
}
