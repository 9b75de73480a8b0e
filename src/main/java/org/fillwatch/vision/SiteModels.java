package org.fillwatch.vision;

import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.fillwatch.pavilion.Pavilion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Picks the model for a pavilion: its own (YAML key {@code model}, e.g. made by {@code finetune}),
 * loaded on first use and shared by pavilions naming the same folder, or the default model. A
 * site model that fails to load is logged once, naming the pavilion's file and the model folder,
 * and the site is read with the default model rather than not at all.
 */
@Component
class SiteModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SiteModels.class);

    private final FillModel defaultModel;
    private final double minConfidence;
    private final int poolSize;
    private final Map<Path, FillModel> loaded = new HashMap<>();
    private final Set<Path> failed = new HashSet<>();

    @Autowired
    SiteModels(FillModel defaultModel, @Value("${fillwatch.vision.min-confidence:0.5}") double minConfidence,
               @Value("${fillwatch.vision.predictors:2}") int poolSize) {
        this.defaultModel = defaultModel;
        this.minConfidence = minConfidence;
        this.poolSize = poolSize;
    }

    FillModel forPavilion(Pavilion pavilion) {
        if (pavilion.model() == null) {
            return defaultModel;
        }
        Path dir = pavilion.model().toAbsolutePath().normalize();
        synchronized (loaded) {
            FillModel model = loaded.get(dir);
            if (model != null) {
                return model;
            }
            if (failed.contains(dir)) {
                return defaultModel;
            }
            try {
                model = new FillModel(dir, minConfidence, poolSize, true, defaultModel.precision());
                log.info("pavilion {} ({}): site model {} from {}", pavilion.id(), pavilion.source(), model.version(), dir);
                loaded.put(dir, model);
                return model;
            } catch (RuntimeException e) {
                failed.add(dir);
                log.error("pavilion {} ({}): model: {} cannot be loaded, using the default model instead: {}",
                        pavilion.id(), pavilion.source(), dir, e.getMessage());
                return defaultModel;
            }
        }
    }

    @PreDestroy
    @Override
    public void close() {
        synchronized (loaded) {
            loaded.values().forEach(FillModel::close);
            loaded.clear();
        }
    }
}
