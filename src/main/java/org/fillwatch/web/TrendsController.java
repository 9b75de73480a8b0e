package org.fillwatch.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.fillwatch.incident.IncidentTrends;
import org.fillwatch.incident.IncidentTrends.CarrierTypeCount;
import org.fillwatch.incident.IncidentTrends.DeadlineShare;
import org.fillwatch.incident.IncidentTrends.PickupTimes;
import org.fillwatch.timeseries.FillTrends;
import org.fillwatch.timeseries.FillTrends.DistrictFill;
import org.fillwatch.timeseries.FillTrends.OverflowHours;
import org.fillwatch.timeseries.FillTrends.WeekdayHourFill;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The city administration's trends over a period (administrators only, see SecurityConfiguration):
 * fill averages from the time-series store, incident figures from the register. Each as JSON and,
 * with {@code .csv} appended, as a CSV download of the same rows.
 */
@RestController
@RequestMapping("/api/trends")
@Tag(name = "Trends", description = "City administration: fill and incident trends over a period (ADMIN)")
class TrendsController {

    /** One trend: its rows for a period, and how a row reads in CSV. */
    private record Trend<T>(Function<CityPeriod.Period, List<T>> rows, List<String> header,
                            Function<T, List<?>> cells) {

        List<List<?>> csvRows(CityPeriod.Period period) {
            return rows.apply(period).stream().<List<?>>map(cells).toList();
        }
    }

    private static final String PERIOD_FROM = "date (2026-11-01, midnight in the city's zone) or instant; "
            + "default: 7 days before to";
    private static final String PERIOD_TO = "date (its whole day included) or instant; default: the end of today";

    /** A trend's answer: the period it covers (defaults filled in) and its rows. */
    record TrendAnswer<T>(Instant from, Instant to, String zone,
                          @ArraySchema(schema = @Schema(description = "the trend's rows", oneOf = {DistrictFill.class,
                                  WeekdayHourFill.class, OverflowHours.class, CarrierTypeCount.class,
                                  PickupTimes.class, DeadlineShare.class})) List<T> rows) {
    }

    private final FillTrends fill;
    private final IncidentTrends incidents;
    private final CityPeriod city;
    private final Clock clock;
    private final Map<String, Trend<?>> trends;

    TrendsController(FillTrends fill, IncidentTrends incidents, CityPeriod city, ObjectProvider<Clock> clock) {
        this.fill = fill;
        this.incidents = incidents;
        this.city = city;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.trends = Map.of(
                "fill-by-district", new Trend<>(p -> fill.fillByDistrict(p.from(), p.to()),
                        List.of("district", "average_fill_pct", "readings"),
                        (DistrictFill r) -> List.of(r.district(), round(r.averageFillPercent()), r.readings())),
                "fill-by-weekday-hour", new Trend<>(p -> fill.fillByWeekdayHour(p.from(), p.to(), city.zone()),
                        List.of("weekday", "weekday_name", "hour", "average_fill_pct", "readings"),
                        (WeekdayHourFill r) -> List.of(r.weekday().getValue(), r.weekday().name(), r.hour(),
                                round(r.averageFillPercent()), r.readings())),
                "overflow-hours", new Trend<>(p -> fill.overflowHours(p.from(), p.to()),
                        List.of("district", "overflow_hours"), (OverflowHours r) -> List.of(r.district(), r.hours())),
                "incidents-by-carrier-type", new Trend<>(p -> incidents.byCarrierAndType(p.from(), p.to()),
                        List.of("carrier", "type", "incidents", "resolved", "escalated"),
                        (CarrierTypeCount r) -> List.of(r.carrier(), r.type().name(), r.incidents(), r.resolved(),
                                r.escalated())),
                "time-to-pickup", new Trend<>(p -> incidents.timeToPickup(p.from(), p.to()),
                        List.of("carrier", "pickups", "median_seconds", "p90_seconds"),
                        (PickupTimes r) -> Arrays.asList(r.carrier(), r.pickups(), r.medianSeconds(),
                                r.p90Seconds())),
                "deadline-share", new Trend<>(p -> incidents.deadlineShare(p.from(), p.to()),
                        List.of("carrier", "decided", "met_deadline", "share"),
                        (DeadlineShare r) -> Arrays.asList(r.carrier(), r.decided(), r.metDeadline(),
                                r.share())),
                "escalations", new Trend<>(p -> incidents.escalations(p.from(), p.to()),
                        List.of("carrier", "type", "escalations", "resolved"),
                        (CarrierTypeCount r) -> List.of(r.carrier(), r.type().name(), r.incidents(), r.resolved())));
    }

    /** The names of the trends, in the order the trends page shows them. */
    static final List<String> NAMES = List.of("fill-by-district", "fill-by-weekday-hour", "overflow-hours",
            "incidents-by-carrier-type", "time-to-pickup", "deadline-share", "escalations");

    @GetMapping("/{name}")
    @Operation(summary = "One trend over the period as JSON: {from, to, zone, rows}", description = """
            fill-by-district: average fill % of each district's usable readings (UNKNOWN and ABSENT left out);
            fill-by-weekday-hour: average fill % per weekday and hour of the day, in the city's zone;
            overflow-hours: per district, the clock hours in which one of its containers read OVERFLOWING;
            incidents-by-carrier-type: incidents opened in the period, with how many are resolved or escalated;
            time-to-pickup: median and 90th percentile of opening -> emptied, all carriers (carrier null), then each;
            deadline-share: share of the period's decided incidents resolved by their deadline, all, then each carrier;
            escalations: incidents escalated in the period, per carrier and type.""")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TrendAnswer.class)))
    TrendAnswer<?> json(@Parameter(schema = @Schema(allowableValues = {"fill-by-district", "fill-by-weekday-hour",
                                "overflow-hours", "incidents-by-carrier-type", "time-to-pickup", "deadline-share",
                                "escalations"})) @PathVariable String name,
                        @Parameter(description = PERIOD_FROM) @RequestParam(required = false) String from,
                        @Parameter(description = PERIOD_TO) @RequestParam(required = false) String to) {
        return answer(name, from, to);
    }

    @GetMapping("/{name}.csv")
    @Operation(summary = "Any trend above as a CSV download, e.g. /api/trends/overflow-hours.csv?from=2026-11-01")
    ResponseEntity<String> csv(@PathVariable String name,
                               @Parameter(description = PERIOD_FROM) @RequestParam(required = false) String from,
                               @Parameter(description = PERIOD_TO) @RequestParam(required = false) String to) {
        Trend<?> trend = trend(name);
        CityPeriod.Period period = city.period(from, to, clock.instant());
        return Csv.download(name + "_" + period.from() + "_" + period.to() + ".csv", trend.header(),
                trend.csvRows(period));
    }

    private TrendAnswer<?> answer(String name, String from, String to) {
        Trend<?> trend = trend(name);
        CityPeriod.Period period = city.period(from, to, clock.instant());
        return new TrendAnswer<>(period.from(), period.to(), city.zone().getId(), trend.rows().apply(period));
    }

    private Trend<?> trend(String name) {
        Trend<?> trend = trends.get(name);
        if (trend == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No trend " + name + "; known: "
                    + String.join(", ", new TreeSet<>(trends.keySet())));
        }
        return trend;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
