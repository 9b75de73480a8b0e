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
import org.fillwatch.vision.model.FillLevelNetwork;
import org.fillwatch.vision.model.FusedProgram;
import org.fillwatch.vision.model.ModelMetadata;
import org.fillwatch.vision.model.Precision;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The fill-level model loaded from its folder (metadata.json + DJL weights). DJL predictors are
 * not thread-safe, so a small pool of them serves the sampling worker threads, and the crops of
 * frames that arrive together from several cameras share one network call.
 */
@Component
class FillModel implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FillModel.class);

    private final FillLevelModelFiles.Loaded loaded;
    private final ContainerCropper cropper;
    /** The fused program's number format asked for ({@link #engine} says what runs). */
    private final Precision precision;
    /** Crops of several frames per network call at most; beyond 16 the cost per crop hardly falls (performance.md). */
    static final int MAX_BATCH = FusedProgram.MAX_BATCH;

    private final BlockingQueue<Predictor<List<CropInput>, List<ContainerEstimate>>> predictors;
    /** Guards the free predictors and the waiting frames; waited on for either. */
    private final Object lock = new Object();
    private final java.util.ArrayDeque<Request> waiting = new java.util.ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicLong networkCalls = new java.util.concurrent.atomic.AtomicLong();
    private final List<Predictor<List<CropInput>, List<ContainerEstimate>>> all = new ArrayList<>();

    @Autowired
    FillModel(@Value("${fillwatch.vision.model-dir:models/fill-level}") String dir,
              @Value("${fillwatch.vision.min-confidence:0.5}") double minConfidence,
              @Value("${fillwatch.vision.predictors:2}") int poolSize,
              @Value("${fillwatch.vision.fused-inference:true}") boolean fused,
              @Value("${fillwatch.vision.precision:auto}") String precision) {
        // a plain file path, relative to the working directory; not a Spring resource location
        this(Path.of(dir), minConfidence, poolSize, fused, Precision.parse(precision, "fillwatch.vision.precision"));
        // more than one torch thread per call makes the predictors' OpenMP teams fight for the cores
        log.info("Fill-level model {} from {} runs as the {}, {} torch thread(s) per call, {} predictor(s)", version(), dir,
                engine(), torchThreads(), poolSize);
    }

    /** The fused program in {@code auto}'s precision, as the service runs it by default. */
    FillModel(Path dir, double minConfidence, int poolSize) {
        this(dir, minConfidence, poolSize, true, Precision.AUTO);
    }

    FillModel(Path dir, double minConfidence, int poolSize, boolean fused, Precision precision) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("fillwatch.vision.predictors must be at least 1, got " + poolSize);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("fillwatch.vision.min-confidence must be within 0..1, got " + minConfidence);
        }
        NativeAllocator.warnIfUntuned();
        loaded = ModelFolders.load(dir, fused, precision);
        this.precision = precision;
        ModelMetadata metadata = loaded.metadata();
        cropper = new ContainerCropper(metadata.inputSize(), metadata.cropMargin());
        predictors = new ArrayBlockingQueue<>(poolSize);
        FillTranslator translator = new FillTranslator(metadata.inputSize(), minConfidence, FusedProgram.isProgram(loaded.model()));
        for (int i = 0; i < poolSize; i++) {
            Predictor<List<CropInput>, List<ContainerEstimate>> p = loaded.model().newPredictor(translator);
            all.add(p);
            predictors.add(p);
        }
    }

    /** Batches run through the network since loading. */
    long networkCalls() {
        return networkCalls.get();
    }

    String version() {
        return loaded.metadata().version();
    }

    /** How the model runs: the fused program, the DJL network, or a TorchScript file brought in. */
    String engine() {
        if (loaded.model().getBlock() instanceof FillLevelNetwork) {
            return "djl network";
        }
        Precision program = FusedProgram.precisionOf(loaded.model());
        return program != null ? "fused " + program.label() + " program" : "torchscript";
    }

    /** libtorch's threads per network call in this process (FillWatchApplication sets 1 unless told otherwise). */
    static int torchThreads() {
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /** The precision a per-site model of the same service is loaded in. */
    Precision precision() {
        return precision;
    }

    /** Cuts crops exactly as the model was trained on. */
    ContainerCropper cropper() {
        return cropper;
    }

    /**
     * Estimates the crops of one frame. Frames of several cameras that arrive together go through
     * the network as one batch (fewer, larger calls cost less per crop): a caller that finds a free
     * predictor runs every waiting frame's crops, up to {@link #MAX_BATCH}, and hands each caller its
     * own estimates; a caller that finds none waits until its frame was run or a predictor is free.
     * Blocks while every predictor is busy.
     */
    List<ContainerEstimate> predict(List<CropInput> crops) throws TranslateException, InterruptedException {
        if (crops.isEmpty()) {
            return List.of();
        }
        Request mine = new Request(crops);
        synchronized (lock) {
            waiting.add(mine);
        }
        while (true) {
            Predictor<List<CropInput>, List<ContainerEstimate>> predictor = null;
            List<Request> batch;
            synchronized (lock) {
                while (!mine.done && (predictor = predictors.poll()) == null) {
                    lock.wait();
                }
                if (mine.done) {
                    return mine.result();
                }
                batch = takeBatch();
            }
            try {
                run(predictor, batch);
            } finally {
                synchronized (lock) {
                    predictors.add(predictor);
                    lock.notifyAll();
                }
            }
        }
    }

    /** Whole frames from the head of the queue, at most MAX_BATCH crops (a larger frame goes alone). */
    private List<Request> takeBatch() {
        List<Request> batch = new ArrayList<>();
        int size = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || size + waiting.peek().crops.size() <= MAX_BATCH)) {
            Request next = waiting.poll();
            batch.add(next);
            size += next.crops.size();
        }
        return batch;
    }

    private void run(Predictor<List<CropInput>, List<ContainerEstimate>> predictor, List<Request> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<CropInput> all = new ArrayList<>();
        batch.forEach(r -> all.addAll(r.crops));
        networkCalls.incrementAndGet();
        try {
            List<ContainerEstimate> estimates = new ArrayList<>(all.size());
            // the fused program is checked at load for batches up to its largest, and larger ones gain nothing
            for (int from = 0; from < all.size(); from += MAX_BATCH) {
                estimates.addAll(predictor.predict(all.subList(from, Math.min(all.size(), from + MAX_BATCH))));
            }
            int from = 0;
            for (Request r : batch) {
                r.finish(estimates.subList(from, from + r.crops.size()), null);
                from += r.crops.size();
            }
        } catch (TranslateException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).finish(null, e);
                return;
            }
            // one camera's bad crop must not cost the others their readings: each frame again on its own
            for (Request r : batch) {
                run(predictor, List.of(r));
            }
        }
    }

    /** One frame's crops waiting for the network, and then its estimates or failure. */
    private final class Request {
        final List<CropInput> crops;
        boolean done;
        List<ContainerEstimate> estimates;
        Exception failure;

        Request(List<CropInput> crops) {
            this.crops = crops;
        }

        void finish(List<ContainerEstimate> estimates, Exception failure) {
            synchronized (lock) {
                this.estimates = estimates == null ? null : List.copyOf(estimates);
                this.failure = failure;
                this.done = true;
                lock.notifyAll();
            }
        }

        List<ContainerEstimate> result() throws TranslateException {
            if (failure instanceof TranslateException t) {
                throw t;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            return estimates;
        }
    }

    @PreDestroy
    @Override
    public void close() {
        all.forEach(Predictor::close);
        loaded.close();
    }
}
