package org.fillwatch.vision;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.FillLevelModelFiles;
import org.fillwatch.vision.model.ModelMetadata;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The fill-level model loaded from its folder (metadata.json + DJL weights). DJL predictors are
 * not thread-safe, so a small blocking pool of them serves the sampling worker threads: a worker
 * takes one, runs its frame's batch and gives it back.
 */
@Component
class FillModel implements AutoCloseable {

    private final FillLevelModelFiles.Loaded loaded;
    private final ContainerCropper cropper;
    private final BlockingQueue<Predictor<CropInput, ContainerEstimate>> predictors;
    private final List<Predictor<CropInput, ContainerEstimate>> all = new ArrayList<>();

    @Autowired
    FillModel(@Value("${fillwatch.vision.model-dir:models/fill-level}") String dir,
              @Value("${fillwatch.vision.min-confidence:0.5}") double minConfidence,
              @Value("${fillwatch.vision.predictors:2}") int poolSize) {
        // a plain file path, relative to the working directory; not a Spring resource location
        this(Path.of(dir), minConfidence, poolSize);
    }

    FillModel(Path dir, double minConfidence, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("fillwatch.vision.predictors must be at least 1, got " + poolSize);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("fillwatch.vision.min-confidence must be within 0..1, got " + minConfidence);
        }
        loaded = ModelFolders.load(dir);
        ModelMetadata metadata = loaded.metadata();
        cropper = new ContainerCropper(metadata.inputSize(), metadata.cropMargin());
        predictors = new ArrayBlockingQueue<>(poolSize);
        FillTranslator translator = new FillTranslator(metadata.inputSize(), minConfidence);
        for (int i = 0; i < poolSize; i++) {
            Predictor<CropInput, ContainerEstimate> p = loaded.model().newPredictor(translator);
            all.add(p);
            predictors.add(p);
        }
    }

    String version() {
        return loaded.metadata().version();
    }

    /** Cuts crops exactly as the model was trained on. */
    ContainerCropper cropper() {
        return cropper;
    }

    /** Runs all crops of one frame as one batch; blocks while every predictor is busy. */
    List<ContainerEstimate> predict(List<CropInput> crops) throws TranslateException, InterruptedException {
        if (crops.isEmpty()) {
            return List.of();
        }
        Predictor<CropInput, ContainerEstimate> predictor = predictors.take();
        try {
            return predictor.batchPredict(crops);
        } finally {
            predictors.add(predictor);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        all.forEach(Predictor::close);
        loaded.close();
    }
}
