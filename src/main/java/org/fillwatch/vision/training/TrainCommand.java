package org.fillwatch.vision.training;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.FillLevelNetwork;
import org.fillwatch.vision.model.ModelMetadata;
import org.fillwatch.vision.model.PretrainedWeights;

/**
 * {@code train}: fine-tunes the fill-level network from the ImageNet MobileNetV2 weights on the
 * CDCM photos (waste around) and on rendered scenes (fill, state, present, waste around), and
 * writes the DJL weights, metadata.json and the model card into --out.
 */
public final class TrainCommand {

    static final String NAME = "fill-level";
    static final String VERSION = "0.1.0";
    /** The polygon grows by this much around its centre, so waste beside a container is in the crop. */
    static final double CROP_MARGIN = 0.15;
    private static final long MAX_WEIGHTS_BYTES = 20L * 1024 * 1024;

    private TrainCommand() {
    }

    public static int main(String[] args) throws Exception {
        // nothing may be downloaded: libtorch comes from the bundled native jar
        System.setProperty("ai.djl.offline", "true");
        TrainOptions options = TrainOptions.parse(args);
        for (String file : new String[] {PretrainedWeights.WEIGHTS_FILE, PretrainedWeights.PLAN_FILE}) {
            if (!Files.isRegularFile(options.pretrained().resolve(file))) {
                throw new IllegalArgumentException("--pretrained: " + options.pretrained().resolve(file) + " is missing");
            }
        }
        PrintStream log = System.err;
        long start = System.nanoTime();
        ContainerCropper cropper = new ContainerCropper(options.size(), CROP_MARGIN);

        Teacher teacher = options.teacher() == null ? null : Teacher.load(options.teacher(), CROP_MARGIN);
        // the sources keep enough pixels for the larger of the two crops
        int cropSize = teacher == null ? options.size() : Math.max(options.size(), teacher.cropper().size());
        log.println("loading CDCM photos from " + options.real());
        CdcmData cdcm = new CdcmData(options.real(), options.validationFraction(), options.dataSeed(),
                cropSize * 2, CROP_MARGIN);
        log.printf("CDCM: train clean %d dirty %d, validation clean %d dirty %d%n", cdcm.trainCounts[0],
                cdcm.trainCounts[1], cdcm.validationCounts[0], cdcm.validationCounts[1]);
        if (teacher != null) {
            Teacher.checkHeldOut(options.teacher(), cdcm.validationNames());
            log.printf("distilling from %s (%d px), weight %.2f%n", teacher.version(), teacher.cropper().size(),
                    options.distilWeight());
        }
        SyntheticData synthetic = new SyntheticData(options, cropSize, CROP_MARGIN, log);

        // the real photos are the scarce, valuable part: --real-repeat shows each one R times per epoch
        // (each time with fresh augmentation)
        List<Sample> train = new ArrayList<>();
        for (int r = 0; r < options.realRepeat(); r++) {
            train.addAll(cdcm.train);
        }
        train.addAll(synthetic.train);
        String version = NAME + "-" + VERSION + "+" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        try (Model model = Model.newInstance(NAME, "PyTorch")) {
            // fixes the heads' initial weights and dropout; data order and augmentation use java.util.Random(seed)
            model.getNDManager().getEngine().setRandomSeed((int) options.seed());
            FillLevelNetwork net = new FillLevelNetwork();
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, options.size(), options.size()));
            PretrainedWeights.load(net.features(), options.pretrained(), model.getNDManager());
            net.features().freezeEarlyLayers(options.frozenBottlenecks());

            FineTuner tuner = new FineTuner(model, cropper, options.batch(), options.seed(), log, teacher,
                    (float) options.distilWeight(), (float) options.ema(), (float) options.edgeWeight());
            tuner.train(train, options.epochs(), options.learningRate(), () -> {
                log.println("validation CDCM: " + tuner.evaluate(cdcm.validation).summary());
                if (!synthetic.evaluation.isEmpty()) {
                    log.println("validation synthetic: " + tuner.evaluate(synthetic.evaluation).summary());
                }
            });
            Scores cdcmScores = tuner.evaluate(cdcm.validation);
            Scores syntheticScores = tuner.evaluate(synthetic.evaluation);
            double minutes = (System.nanoTime() - start) / 60e9;

            Files.createDirectories(options.out());
            removeOldWeights(options.out(), log);
            model.setProperty("Epoch", "0");
            model.save(options.out(), NAME);
            Path weights = options.out().resolve(NAME + "-0000.params");
            long bytes = Files.size(weights);
            if (bytes > MAX_WEIGHTS_BYTES) {
                throw new IllegalStateException(weights + " is " + bytes + " bytes, over the 20 MB limit");
            }
            ModelMetadata metadata = new ModelMetadata(NAME, version, options.size(), CROP_MARGIN,
                    ModelMetadata.sha256(weights));
            ModelCard card = new ModelCard(metadata, options, args, cdcm, synthetic, cdcmScores, syntheticScores,
                    minutes, bytes, teacher == null ? null : teacher.version() + " (" + teacher.cropper().size() + " px)");
            card.write(options.out());
            log.printf("done in %.1f min: %s (%d bytes); CDCM validation: %s; synthetic held-out: %s%n",
                    minutes, weights, bytes, cdcmScores.summary(), syntheticScores.summary());
        } finally {
            cdcm.train.forEach(s -> s.image().close());
            cdcm.validation.forEach(s -> s.image().close());
            synthetic.close();
            if (teacher != null) {
                teacher.close();
            }
        }
        return 0;
    }

    /** DJL numbers saved weights by epoch; a stale higher-numbered file from an earlier run would confuse readers. */
    private static void removeOldWeights(Path out, PrintStream log) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            for (Path old : files.filter(p -> p.getFileName().toString().matches(NAME + "-\\d{4}\\.params")).toList()) {
                log.println("replacing " + old);
                Files.delete(old);
            }
        }
    }
}
