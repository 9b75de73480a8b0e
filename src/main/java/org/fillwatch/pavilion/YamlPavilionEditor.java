package org.fillwatch.pavilion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Edits pavilion files safely: the new text is written to a temporary file beside the original
 * (a name the loader ignores), validated there by the same parser as at start, and only then moved
 * over the original in one atomic step. A refused edit removes the temporary file and leaves the
 * original byte for byte as it was.
 */
@Component
class YamlPavilionEditor implements PavilionEditor {

    private static final Logger log = LoggerFactory.getLogger(YamlPavilionEditor.class);

    private final YamlPavilions pavilions;
    private final ApplicationEventPublisher events;

    YamlPavilionEditor(YamlPavilions pavilions, ApplicationEventPublisher events) {
        this.pavilions = pavilions;
        this.events = events;
    }

    @Override
    public synchronized Pavilion replacePolygons(String pavilionId, Map<String, List<Point>> polygons) {
        Pavilion current = pavilions.find(pavilionId).orElseThrow(() -> new Refused(List.of(
                new ConfigProblem("", 0, "id", "no valid pavilion '" + pavilionId + "' is loaded"))));
        Path file = Path.of(current.source());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refused(List.of(new ConfigProblem(file.toString(), 0, "", "cannot read: " + e.getMessage())));
        }
        String edited = PolygonRewrite.apply(file.toString(), text, polygons);
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, edited, StandardCharsets.UTF_8);
            PavilionFileParser.Result checked = PavilionFileParser.parse(temporary);
            if (!checked.problems().isEmpty() || checked.pavilion() == null || !pavilionId.equals(checked.id())) {
                // the problems name the real file: the line numbers are those of the proposed version of it
                throw new Refused(checked.problems().stream()
                        .map(p -> new ConfigProblem(file.toString(), p.line(), p.field(), p.message())).toList());
            }
            move(temporary, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                log.warn("Temporary file {} left behind: {}", temporary, e.toString());
            }
        }
        pavilions.reload();
        Pavilion fresh = pavilions.find(pavilionId).orElseThrow(() -> new Refused(pavilions.problems().stream()
                .filter(p -> p.file().equals(file.toString())).toList()));
        log.info("Pavilion {}: polygons of {} replaced in {}", pavilionId, polygons.keySet(), file);
        events.publishEvent(new PavilionChanged(fresh));
        return fresh;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
