package org.fillwatch.vision.training;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.fillwatch.vision.model.FillLevelNetwork;
import org.fillwatch.vision.model.HeadOutputs;
import org.fillwatch.vision.model.ModelMetadata;

/** Writes metadata.json (for the service and for people) and MODEL.md (the model card) of a trained model. */
final class ModelCard {

    private final ModelMetadata metadata;
    private final TrainOptions options;
    private final String[] args;
    private final CdcmData cdcm;
    private final SyntheticData synthetic;
    private final Scores cdcmScores;
    private final Scores syntheticScores;
    private final double minutes;
    private final long weightBytes;
    /** The distillation teacher's version and input size, or null. */
    private final String teacher;

    ModelCard(ModelMetadata metadata, TrainOptions options, String[] args, CdcmData cdcm, SyntheticData synthetic,
              Scores cdcmScores, Scores syntheticScores, double minutes, long weightBytes, String teacher) {
        this.teacher = teacher;
        this.metadata = metadata;
        this.options = options;
        this.args = args;
        this.cdcm = cdcm;
        this.synthetic = synthetic;
        this.cdcmScores = cdcmScores;
        this.syntheticScores = syntheticScores;
        this.minutes = minutes;
        this.weightBytes = weightBytes;
    }

    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(ModelMetadata.FILE), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(json()) + "\n");
        Files.writeString(dir.resolve("MODEL.md"), markdown());
    }

    private JsonObject json() {
        JsonObject json = metadata.toJson();
        json.addProperty("weights", metadata.weightsFile());
        json.addProperty("weightsBytes", weightBytes);
        json.addProperty("architecture", "MobileNetV2 1.0 features (ImageNet), global average pool, linear heads");
        json.addProperty("created", Instant.now().toString());
        JsonArray outputs = new JsonArray();
        outputs.add(output(FillLevelNetwork.FILL, "fill", "sigmoid", "fill fraction 0..1"));
        JsonObject state = output(FillLevelNetwork.STATE, "state", "softmax over 4 logits", "state probabilities");
        JsonArray classes = new JsonArray();
        for (String s : HeadOutputs.STATE_NAMES) {
            classes.add(s);
        }
        state.add("classes", classes);
        outputs.add(state);
        outputs.add(output(FillLevelNetwork.WASTE_AROUND, "wasteAround", "sigmoid", "waste on the ground around"));
        outputs.add(output(FillLevelNetwork.PRESENT, "present", "sigmoid", "a container stands in the crop"));
        json.add("outputs", outputs);

        JsonObject training = new JsonObject();
        training.addProperty("command", "train " + String.join(" ", args));
        training.addProperty("seed", options.seed());
        training.addProperty("dataSeed", options.dataSeed());
        training.addProperty("epochs", options.epochs());
        training.addProperty("batch", options.batch());
        training.addProperty("learningRate", options.learningRate());
        training.addProperty("frozenBottlenecks", options.frozenBottlenecks());
        training.addProperty("realRepeat", options.realRepeat());
        if (options.edgeWeight() > 0) {
            training.addProperty("edgeWeight", options.edgeWeight());
        }
        if (options.ema() > 0) {
            training.addProperty("weightAverageDecay", options.ema());
        }
        training.addProperty("minutes", Math.round(minutes * 10) / 10.0);
        if (teacher != null) {
            JsonObject distillation = new JsonObject();
            distillation.addProperty("teacher", teacher);
            distillation.addProperty("weight", options.distilWeight());
            distillation.addProperty("stateTemperature", DistillationLoss.STATE_TEMPERATURE);
            training.add("distillation", distillation);
        }
        JsonObject real = new JsonObject();
        real.addProperty("dataset", "Clean dirty containers in Montevideo (Rodrigo Laguna, CC BY 4.0)");
        real.addProperty("trainClean", cdcm.trainCounts[0]);
        real.addProperty("trainDirty", cdcm.trainCounts[1]);
        real.addProperty("validationClean", cdcm.validationCounts[0]);
        real.addProperty("validationDirty", cdcm.validationCounts[1]);
        real.addProperty("validationFraction", options.validationFraction());
        JsonArray names = new JsonArray();
        cdcm.validationNames().forEach(names::add);
        real.add("validationFiles", names);
        training.add("cdcm", real);
        JsonObject syn = new JsonObject();
        syn.addProperty("trainCrops", synthetic.train.size());
        syn.addProperty("trainScenes", synthetic.trainScenes);
        syn.addProperty("trainSeed", options.dataSeed());
        syn.addProperty("heldOutCrops", synthetic.evaluation.size());
        syn.addProperty("heldOutScenes", synthetic.evaluationScenes);
        syn.addProperty("heldOutSeed", synthetic.evaluationSeed);
        training.add("synthetic", syn);
        json.add("training", training);

        JsonObject metrics = new JsonObject();
        metrics.add("cdcmValidation", cdcmScores.toJson());
        metrics.add("syntheticHeldOut", syntheticScores.toJson());
        json.add("metrics", metrics);
        return json;
    }

    private static JsonObject output(int index, String name, String activation, String meaning) {
        JsonObject o = new JsonObject();
        o.addProperty("index", index);
        o.addProperty("name", name);
        o.addProperty("activation", activation);
        o.addProperty("meaning", meaning);
        return o;
    }

    private String distillationLine() {
        return teacher == null ? "" : String.format(Locale.ROOT, "%n  Distilled from %s: the loss is %.0f %% the labels'"
                + " and %.0f %% the distance to the teacher's outputs on the same augmented crop.", teacher,
                (1 - options.distilWeight()) * 100, options.distilWeight() * 100);
    }

    private String markdown() {
        int cdcmValidation = cdcm.validationCounts[0] + cdcm.validationCounts[1];
        return String.format(Locale.ROOT, """
                # Fill-level model %s

                Estimates, from one container's rectified crop of a CCTV frame, how full the container is,
                its state, whether waste lies around it and whether a container stands there at all.

                ## Model
                - Network: MobileNetV2 1.0 features (ImageNet weights), global average pool, one linear
                  layer with 7 outputs: fill (sigmoid), state (softmax over empty, partial, full,
                  overflowing), waste around (sigmoid), container present (sigmoid).
                - Input: the container polygon grown by %.0f %% around its centre, perspective-rectified to
                  %d x %d, RGB, x = (pixel - 128) / 128, NCHW.
                - Weights: %s, %.1f MB (DJL, PyTorch engine).
                - Training: stem and first %d of 17 bottlenecks frozen, the rest and the heads trained with
                  Adam (lr %s, cosine decay), batch %d, %d epochs (each real photo shown %d x per epoch),
                  seed %d, %.1f min on CPU.%s
                  Command: `train %s`

                ## Data
                - Real photos: "Clean dirty containers in Montevideo" (CDCM), contributor street photos of
                  the training split: %d clean + %d dirty for training, %d clean + %d dirty held out (a
                  seeded %.0f %% split per class; file names in metadata.json). They supervise the
                  waste-around head (dirty = 1) and the present head (every photo shows a container), and a
                  clean photo also teaches the state head "not overflowing"; the whole photo is the crop,
                  augmented by a random 80-100 %% window per side (or corner jitter), mirror, blur, JPEG
                  and colour changes.
                - Synthetic: %d container crops from %d scenes of the project's scene renderer (seed %d),
                  labelled with fill, state (fill < 0.15 empty, < 0.75 partial, else full; overflowing),
                  presence and waste around. Fill and state are neither trained nor scored where they cannot
                  be seen: the container is absent, or a closed lid hides the contents (there only "is it
                  overflowing" is trained: bags on a lid are visible). Augmented: polygon
                  jitter, mirror, exposure/contrast/colour cast, infrared grey, blur, sensor noise, JPEG
                  quality 15-85.

                ## Metrics
                Held-out CDCM validation split (%d photos, never trained on):
                - clean/dirty accuracy under `evaluate`'s rules (dirty = overflowing or waste around >= 0.5;
                  an UNKNOWN or ABSENT reading is wrong; min-confidence 0.5): %.3f
                - waste-around head alone: %.3f

                Held-out synthetic set (%d crops from %d scenes rendered with seed %d, unlike training):
                - state accuracy: %.3f (the %d crops whose contents are visible; the state the fill head's
                  value alone gives: %.3f)
                - fill MAE: %.1f percentage points
                - waste-around accuracy: %.3f
                - present accuracy: %.3f

                State confusion on the synthetic held-out set:

                %s
                ## Intended use
                FillWatch's vision module: periodic readings of containers at fixed CCTV views, where a
                person configured each container's polygon. Readings feed time series and incidents; a
                state with low confidence, an unusable frame or a missing container is reported as UNKNOWN.
                Sites unlike the training data (other containers, night or snow views, another camera) are
                expected to read worse: label some of the site's crops, run `finetune` and compare
                `evaluate` before and after on held-back labels before deploying the site model.

                ## Limitations
                - Fill and state were learnt from rendered scenes only; real CCTV pictures differ (lighting,
                  waste types, camera artefacts), so fill accuracy on real cameras is not measured here and
                  is expected to be lower than on the synthetic set.
                - The real photos are daylight phone pictures of green side-loaded containers in Montevideo;
                  night, infrared, snow and other container types are covered only by rendering and
                  augmentation.
                - Waste-around on real photos is a clean/dirty label that mixes overflow and litter.
                - Behind a closed lid only "overflowing or not" was trained: the model's fill and its choice
                  among empty, partial and full there are guesses (no dedicated lid-closed output yet), so such
                  readings should not be trusted.

                ## Credits
                - "Clean dirty containers in Montevideo" dataset by Rodrigo Laguna, CC BY 4.0.
                - MobileNetV2 (Sandler et al., 2018), TensorFlow hosted models, Apache-2.0.
                """,
                metadata.version(), metadata.cropMargin() * 100, metadata.inputSize(), metadata.inputSize(),
                metadata.weightsFile(), weightBytes / 1e6, options.frozenBottlenecks(), options.learningRate(),
                options.batch(), options.epochs(), options.realRepeat(), options.seed(), minutes, distillationLine(), String.join(" ", args),
                cdcm.trainCounts[0], cdcm.trainCounts[1], cdcm.validationCounts[0], cdcm.validationCounts[1],
                options.validationFraction() * 100, synthetic.train.size(), synthetic.trainScenes, options.dataSeed(),
                cdcmValidation, cdcmScores.verdictAccuracy(), cdcmScores.wasteAccuracy(),
                synthetic.evaluation.size(), synthetic.evaluationScenes, synthetic.evaluationSeed,
                syntheticScores.stateAccuracy(), syntheticScores.stateCount(), syntheticScores.fillRuleStateAccuracy(),
                syntheticScores.fillMaePoints(), syntheticScores.wasteAccuracy(),
                syntheticScores.presentAccuracy(), syntheticScores.confusion());
    }
}
