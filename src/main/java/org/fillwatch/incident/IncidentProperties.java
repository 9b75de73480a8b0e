package org.fillwatch.incident;

import java.time.Duration;
import java.time.ZoneId;
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
 * @param cameraOffline   when a camera outage becomes an incident
 * @param forecast        when a fill forecast becomes an incident
 */
@ConfigurationProperties("fillwatch.incidents")
record IncidentProperties(@DefaultValue Deadlines deadlines,
                          @DefaultValue("1m") Duration escalationCheck,
                          @DefaultValue CameraOffline cameraOffline,
                          @DefaultValue Forecast forecast) {

    /**
     * {@code fillwatch.incidents.forecast.*}: FORECAST_FULL when a container will be full within
     * the carrier's lead time.
     *
     * @param leadTime          how far ahead carriers plan pickups
     * @param carrierLeadTimes  per-carrier lead times, {@code carrier-lead-times.{carrier}: 3h}
     * @param window            readings of this recent past make the fill-rate fit
     * @param minReadings       at least this many readings (not UNKNOWN) in the window
     * @param minSpan           and spanning at least this long, before any forecast
     * @param profileMinDays    once a container's readings cover this many days, a weekday-hour
     *                          profile of its fill rate gives the time to full
     * @param zone              whose weekdays and hours the profile uses; empty: the system zone
     */
    record Forecast(@DefaultValue("true") boolean enabled,
                    @DefaultValue("2h") Duration leadTime,
                    Map<String, Duration> carrierLeadTimes,
                    @DefaultValue("6h") Duration window,
                    @DefaultValue("6") int minReadings,
                    @DefaultValue("30m") Duration minSpan,
                    @DefaultValue("7") int profileMinDays,
                    @DefaultValue("") String zone) {

        ZoneId zoneId() {
            return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
        }

        Duration leadTime(String carrierId) {
            return carrierLeadTimes == null ? leadTime : carrierLeadTimes.getOrDefault(carrierId, leadTime);
        }
    }

    /**
     * {@code fillwatch.incidents.camera-offline.*}.
     *
     * @param holdDown how long a camera must stay offline before a CAMERA_OFFLINE incident opens;
     *                 shorter blips are ignored
     * @param check    how often cameras are checked against the hold-down
     */
    record CameraOffline(@DefaultValue("10m") Duration holdDown, @DefaultValue("30s") Duration check) {
    }

    /**
     * {@code fillwatch.incidents.deadlines.default.{type}} and
     * {@code fillwatch.incidents.deadlines.carriers.{carrier}.{type}}; types as in {@link IncidentType},
     * any case, dashes or underscores (full, forecast-full, CAMERA_OFFLINE).
     */
    record Deadlines(@Name("default") Map<String, Duration> defaults, Map<String, Map<String, Duration>> carriers) {
    }
}
