/**
 * Time-series storage of fill readings, beside the pipeline: listens to {@link
 * org.fillwatch.reading.ReadingsRecorded} and writes every reading to the configured store,
 * InfluxDB (v1 HTTP API, measurement {@code fill_level}) or the embedded default (a table in the
 * application's own database). History queries go through {@link
 * org.fillwatch.timeseries.FillHistory}; the city's trends (average fill by district and by
 * weekday-hour, overflow hours) through {@link org.fillwatch.timeseries.FillTrends}, aggregated by
 * the store itself (InfluxQL GROUP BY time/tags, or SQL).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Time series")
package org.fillwatch.timeseries;
