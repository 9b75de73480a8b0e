package org.fillwatch.pavilion;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The pavilions of the YAML files below {@code fillwatch.cameras.config-dir}, read at start and on {@link #reload()}. */
@Component
class YamlPavilions implements Pavilions {

    private static final Logger log = LoggerFactory.getLogger(YamlPavilions.class);

    private final Path folder;
    private volatile Current current;

    /**
     * What was read, and the same pavilions by id (looked up for every sample: a scan of 5,000 was 2 %
     * of a camera worker's time); one field, so a reader never sees one without the other.
     */
    private record Current(PavilionConfigLoader.Loaded loaded, Map<String, Pavilion> byId) {
    }

    YamlPavilions(@Value("${fillwatch.cameras.config-dir:camera-config/demo}") Path folder) {
        this.folder = folder;
        reload();
    }

    /** Reads the folder again; the new set replaces the old one at once, readers never see a half-read state. */
    public synchronized void reload() {
        PavilionConfigLoader.Loaded fresh = PavilionConfigLoader.load(folder);
        // StreamUrls.mask: a problem may quote a URL with credentials
        fresh.problems().forEach(p -> log.warn("Pavilion configuration refused: {}", StreamUrls.mask(p.toString())));
        log.info("Loaded {} pavilion(s) from {}, {} problem(s)", fresh.pavilions().size(),
                folder.toAbsolutePath(), fresh.problems().size());
        Map<String, Pavilion> byId = new HashMap<>();
        fresh.pavilions().forEach(p -> byId.putIfAbsent(p.id(), p)); // ids are unique: the loader refuses duplicates
        current = new Current(fresh, byId);
    }

    @Override
    public List<Pavilion> all() {
        return current.loaded().pavilions();
    }

    @Override
    public Optional<Pavilion> find(String pavilionId) {
        return Optional.ofNullable(current.byId().get(pavilionId));
    }

    @Override
    public List<ConfigProblem> problems() {
        return current.loaded().problems();
    }
}
