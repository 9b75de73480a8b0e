package org.fillwatch.labelling;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.vision.ContainerCrop;
import org.fillwatch.vision.ContainerCrops;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's side of labelling: fetch a container's latest crop (its reading time in header
 * {@code X-Reading-Time}), post a label for that reading, export all labels as a zip in the
 * class-folder layout. Bad requests are 400 problem details whose {@code field} names the field.
 */
@RestController
class LabelController {

    static final String READING_TIME_HEADER = "X-Reading-Time";

    private final Pavilions pavilions;
    private final ContainerCrops crops;
    private final LabelStore store;
    private final Clock clock = Clock.systemUTC();

    LabelController(Pavilions pavilions, ContainerCrops crops, LabelStore store) {
        this.pavilions = pavilions;
        this.crops = crops;
        this.store = store;
    }

    /** Body of POST /api/labels; all fields text so that every problem can be named by field. */
    record LabelRequest(String pavilion, String container, String readingTime, String label) {
    }

    record LabelView(long id, String pavilion, String container, Instant readingTime, String label,
                     Instant labelledAt, String file) {
        static LabelView of(OperatorLabel l) {
            return new LabelView(l.id(), l.pavilionId(), l.containerId(), l.readingTime(), l.label(), l.labelledAt(),
                    l.fileName());
        }
    }

    /** A request field that is missing or wrong: 400 naming it (or 404/409 where the thing is not there). */
    static final class FieldProblem extends RuntimeException {
        final HttpStatus status;
        final String field;

        FieldProblem(HttpStatus status, String field, String message) {
            super(field + ": " + message);
            this.status = status;
            this.field = field;
        }
    }

    @GetMapping("/api/pavilions/{pavilion}/containers/{container}/crop")
    ResponseEntity<byte[]> crop(@PathVariable String pavilion, @PathVariable String container) {
        Pavilion p = pavilions.find(pavilion).orElseThrow(
                () -> new FieldProblem(HttpStatus.NOT_FOUND, "pavilion", "no pavilion '" + pavilion + "'"));
        if (p.container(container).isEmpty()) {
            throw new FieldProblem(HttpStatus.NOT_FOUND, "container", "pavilion " + pavilion + " has no container '"
                    + container + "'");
        }
        ContainerCrop crop = crops.latest(pavilion, container).orElseThrow(() -> new FieldProblem(HttpStatus.NOT_FOUND,
                "container", "no crop of " + pavilion + "/" + container + " yet: no frame of it was analysed since the start"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .header(READING_TIME_HEADER, crop.capturedAt().toString()).body(crop.jpeg());
    }

    @PostMapping("/api/labels")
    ResponseEntity<LabelView> label(@RequestBody(required = false) LabelRequest body) {
        if (body == null) {
            throw new FieldProblem(HttpStatus.BAD_REQUEST, "body", "a JSON object {pavilion, container, readingTime, label} is required");
        }
        String pavilion = required("pavilion", body.pavilion());
        String container = required("container", body.container());
        Instant readingTime = instant(required("readingTime", body.readingTime()));
        String label = required("label", body.label()).toLowerCase(Locale.ROOT);
        if (!OperatorLabel.LABELS.contains(label)) {
            throw new FieldProblem(HttpStatus.BAD_REQUEST, "label", "must be one of " + OperatorLabel.LABELS
                    + ", got '" + body.label() + "'");
        }
        Pavilion p = pavilions.find(pavilion).orElseThrow(
                () -> new FieldProblem(HttpStatus.BAD_REQUEST, "pavilion", "no pavilion '" + pavilion + "'"));
        if (p.container(container).isEmpty()) {
            throw new FieldProblem(HttpStatus.BAD_REQUEST, "container", "pavilion " + pavilion + " has no container '"
                    + container + "'");
        }
        ContainerCrop crop = crops.at(pavilion, container, readingTime).orElseThrow(() -> new FieldProblem(
                HttpStatus.CONFLICT, "readingTime", "the crop of " + pavilion + "/" + container + " at " + readingTime
                        + " is no longer held (only the last few per container are); fetch the crop again"));
        OperatorLabel saved = store.save(pavilion, container, readingTime, label, crop.jpeg(), clock.instant());
        return ResponseEntity.status(HttpStatus.CREATED).body(LabelView.of(saved));
    }

    @GetMapping("/api/labels/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String pavilion) {
        String name = "labels" + (pavilion == null || pavilion.isBlank() ? "" : "-" + pavilion) + ".zip";
        if (pavilion != null && !pavilion.isBlank() && !pavilion.matches("[a-z0-9_-]+")) {
            throw new FieldProblem(HttpStatus.BAD_REQUEST, "pavilion", "must match [a-z0-9_-]+, got '" + pavilion + "'");
        }
        byte[] zip = LabelArchive.zip(store.list(pavilion == null || pavilion.isBlank() ? null : pavilion));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(zip);
    }

    @ExceptionHandler(FieldProblem.class)
    ResponseEntity<ProblemDetail> problem(FieldProblem e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
        detail.setProperty("field", e.field);
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new FieldProblem(HttpStatus.BAD_REQUEST, field, "is required");
        }
        return value.strip();
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new FieldProblem(HttpStatus.BAD_REQUEST, "readingTime",
                    "must be an ISO-8601 instant such as 2026-11-25T10:15:00Z, got '" + value + "'");
        }
    }
}
