package org.fillwatch.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fillwatch.pavilion.ConfigProblem;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.PavilionEditor;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.reading.FillReading;
import org.fillwatch.timeseries.FillHistory;
import org.fillwatch.vision.PavilionSnapshots;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the pavilion page and the region-of-interest editor draw: the latest privacy-blurred
 * snapshot, the container polygons (read, and replaced in the pavilion's file), and the fill
 * history of the last day or week, averaged into a few hundred points per container.
 */
@RestController
class PavilionPicturesController {

    /** Points per chart line: enough for a screen-wide chart, few enough to send at once. */
    static final int CHART_POINTS = 288;

    private final Pavilions pavilions;
    private final PavilionSnapshots snapshots;
    private final PavilionEditor editor;
    private final FillHistory history;

    PavilionPicturesController(Pavilions pavilions, PavilionSnapshots snapshots, PavilionEditor editor,
                               FillHistory history) {
        this.pavilions = pavilions;
        this.snapshots = snapshots;
        this.editor = editor;
        this.history = history;
    }

    record ContainerRegion(String id, String type, List<double[]> polygon) {
    }

    record Regions(List<ContainerRegion> containers) {
    }

    /** One container's line: times (epoch ms, bucket middles) and mean fill %, only buckets with readings. */
    record Line(String container, List<Long> t, List<Double> fill) {
    }

    @GetMapping("/api/pavilions/{id}/snapshot.jpg")
    ResponseEntity<byte[]> snapshot(@PathVariable String id, Authentication authentication) {
        visible(id, authentication);
        PavilionSnapshots.Snapshot s = snapshots.latest(id).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No snapshot of pavilion " + id + " yet: its camera has not sent a frame"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CacheControl.noStore())
                .header("X-Taken-At", s.takenAt().toString()).body(s.jpeg());
    }

    @GetMapping("/api/pavilions/{id}/containers")
    Regions regions(@PathVariable String id, Authentication authentication) {
        return regions(visible(id, authentication));
    }

    /**
     * Replaces polygons in the pavilion's YAML file (validated before the file is replaced; the
     * running service uses them from the next frame). Body: {@code {"containers":[{"id":"c1",
     * "polygon":[[x,y],...]}]}}, corners normalised 0..1.
     */
    @PutMapping("/api/pavilions/{id}/containers")
    Regions replace(@PathVariable String id, @RequestBody Regions body, Authentication authentication) {
        visible(id, authentication);
        if (body == null || body.containers() == null || body.containers().isEmpty()) {
            throw new PavilionEditor.Refused(List.of(new ConfigProblem("", 0, "containers",
                    "a JSON object {\"containers\":[{\"id\":\"c1\",\"polygon\":[[x,y],...]}]} is required")));
        }
        Map<String, List<ContainerSpec.Point>> polygons = new LinkedHashMap<>();
        for (int i = 0; i < body.containers().size(); i++) {
            ContainerRegion region = body.containers().get(i);
            String path = "containers[" + i + "]";
            if (region.id() == null || region.polygon() == null) {
                throw new PavilionEditor.Refused(List.of(new ConfigProblem("", 0, path, "needs id and polygon")));
            }
            List<ContainerSpec.Point> points = new ArrayList<>();
            for (int j = 0; j < region.polygon().size(); j++) {
                double[] xy = region.polygon().get(j);
                if (xy == null || xy.length != 2) {
                    throw new PavilionEditor.Refused(List.of(new ConfigProblem("", 0, path + ".polygon[" + j + "]",
                            "expected a point [x, y]")));
                }
                points.add(new ContainerSpec.Point(xy[0], xy[1]));
            }
            polygons.put(region.id(), points);
        }
        return regions(editor.replacePolygons(id, polygons));
    }

    @GetMapping("/api/pavilions/{id}/history")
    List<Line> history(@PathVariable String id, @RequestParam(defaultValue = "24h") String range,
                       Authentication authentication) {
        Pavilion pavilion = visible(id, authentication);
        Duration span = switch (range) {
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "range must be 24h or 7d");
        };
        Instant to = Instant.now();
        Instant from = to.minus(span);
        long bucket = span.toMillis() / CHART_POINTS;
        return pavilion.containers().stream()
                .map(c -> line(c.id(), history.of(id, c.id(), from, to), from.toEpochMilli(), bucket)).toList();
    }

    static Line line(String container, List<FillReading> readings, long from, long bucket) {
        double[] sum = new double[CHART_POINTS];
        int[] n = new int[CHART_POINTS];
        for (FillReading r : readings) {
            int i = (int) ((r.time().toEpochMilli() - from) / bucket);
            // UNKNOWN and ABSENT readings say nothing about the fill
            if (i >= 0 && i < CHART_POINTS && r.state() != org.fillwatch.vision.FillState.UNKNOWN
                    && r.state() != org.fillwatch.vision.FillState.ABSENT) {
                sum[i] += r.fillPercent();
                n[i]++;
            }
        }
        List<Long> t = new ArrayList<>();
        List<Double> fill = new ArrayList<>();
        for (int i = 0; i < CHART_POINTS; i++) {
            if (n[i] > 0) {
                t.add(from + i * bucket + bucket / 2);
                fill.add(Math.round(sum[i] / n[i] * 10) / 10.0);
            }
        }
        return new Line(container, t, fill);
    }

    /**
     * 400 naming file, line and field of the first problem, all problems listed; the file is unchanged.
     */
    @ExceptionHandler(PavilionEditor.Refused.class)
    ResponseEntity<ProblemDetail> refused(PavilionEditor.Refused e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        detail.setTitle("Pavilion configuration refused");
        ConfigProblem first = e.problems().get(0);
        detail.setProperty("file", first.file());
        detail.setProperty("line", first.line());
        detail.setProperty("field", first.field());
        detail.setProperty("problems", e.problems().stream().map(ConfigProblem::toString).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private Pavilion visible(String id, Authentication authentication) {
        Pavilion pavilion = pavilions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No pavilion " + id));
        Viewer.of(authentication).requireMaysee(pavilion.carrierId(), "pavilion " + id);
        return pavilion;
    }

    private static Regions regions(Pavilion pavilion) {
        return new Regions(pavilion.containers().stream().map(c -> new ContainerRegion(c.id(), c.type(),
                c.polygon().stream().map(p -> new double[] {p.x(), p.y()}).toList())).toList());
    }
}
