package org.fillwatch.vision.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.CosineTracker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.CropTensors;
import org.fillwatch.vision.model.FillLevelNetwork;
import org.fillwatch.vision.model.HeadOutputs;

/** Trains the unfrozen layers and the heads with Adam on augmented crops; evaluates on clean crops. */
final class FineTuner {

    private final Model model;
    private final ContainerCropper cropper;
    private final int batchSize;
    private final Random random;
    private final Augmenter augmenter;
    private final PrintStream log;
    private final Teacher teacher;
    private final float distilWeight;
    /** Decay of the weight average that is validated and kept; 0: the last weights are. */
    private final float emaDecay;
    /** {@link MaskedLoss}'s emphasis on crops near a state boundary; 0: none. */
    private final float edgeWeight;

    FineTuner(Model model, ContainerCropper cropper, int batchSize, long seed, PrintStream log) {
        this(model, cropper, batchSize, seed, log, null, 0, 0, 0);
    }

    /** With a teacher, each training crop is also cut at the teacher's size and its outputs join the loss. */
    FineTuner(Model model, ContainerCropper cropper, int batchSize, long seed, PrintStream log, Teacher teacher,
              float distilWeight, float emaDecay, float edgeWeight) {
        this.emaDecay = emaDecay;
        this.edgeWeight = edgeWeight;
        this.teacher = teacher;
        this.distilWeight = distilWeight;
        this.model = model;
        this.cropper = cropper;
        this.batchSize = batchSize;
        this.random = new Random(seed);
        this.augmenter = new Augmenter(new Random(seed + 1));
        this.log = log;
    }

    /** The training loss: the labels' (with the edge weight), or mixed with the teacher's outputs. */
    Loss loss() {
        return teacher == null ? new MaskedLoss(edgeWeight) : new DistillationLoss(distilWeight);
    }

    /**
     * Runs the epochs; {@code afterEpoch} reports validation after each one. With a weight average
     * ({@code emaDecay} > 0) the average is what is validated and what the model holds at the end.
     */
    void train(List<Sample> samples, int epochs, float learningRate, Runnable afterEpoch) {
        int batchesPerEpoch = (samples.size() + batchSize - 1) / batchSize;
        CosineTracker schedule = CosineTracker.builder().setBaseValue(learningRate)
                .optFinalValue(learningRate / 20).setMaxUpdates(epochs * batchesPerEpoch).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss())
                .optOptimizer(Adam.builder().optLearningRateTracker(schedule).build());
        List<Sample> order = new ArrayList<>(samples);
        long start = System.nanoTime();
        try (Trainer trainer = model.newTrainer(config);
             WeightAverage average = emaDecay > 0 ? new WeightAverage(model.getBlock(), emaDecay, model.getNDManager()) : null) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                Collections.shuffle(order, random);
                double lossSum = 0;
                for (int b = 0; b < batchesPerEpoch; b++) {
                    List<Sample> batch = order.subList(b * batchSize, Math.min(order.size(), (b + 1) * batchSize));
                    lossSum += step(trainer, batch);
                    if (average != null) {
                        average.update();
                    }
                    int done = (epoch - 1) * batchesPerEpoch + b + 1;
                    if (b % 20 == 19 || b == batchesPerEpoch - 1) {
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        double left = elapsed / done * (epochs * batchesPerEpoch - done);
                        log.printf("epoch %d/%d batch %d/%d loss %.4f elapsed %.0fs time left ~%.0fs%n",
                                epoch, epochs, b + 1, batchesPerEpoch, lossSum / (b + 1), elapsed, left);
                    }
                }
                if (average != null) {
                    average.swap();
                }
                afterEpoch.run();
                if (average != null && epoch < epochs) {
                    average.swap();
                }
            }
        }
    }

    private double step(Trainer trainer, List<Sample> batch) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDList labels = labels(manager, batch);
            NDArray x = teacher == null ? images(manager, batch, true) : withTeacher(manager, batch, labels);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(loss);
                double value = loss.getFloat();
                trainer.step();
                return value;
            }
        }
    }

    /** Predicts every sample without augmentation. */
    Scores evaluate(List<Sample> samples) {
        Scores scores = new Scores();
        FillLevelNetwork net = (FillLevelNetwork) model.getBlock();
        for (int from = 0; from < samples.size(); from += batchSize) {
            List<Sample> batch = samples.subList(from, Math.min(samples.size(), from + batchSize));
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray x = images(manager, batch, false);
                float[] logits = net.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow().toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    scores.add(batch.get(i), HeadOutputs.decode(logits, i));
                }
            }
        }
        return scores;
    }

    private NDArray images(NDManager manager, List<Sample> batch, boolean augment) {
        int size = cropper.size();
        int plane = size * size;
        float[] data = new float[batch.size() * 3 * plane];
        for (int i = 0; i < batch.size(); i++) {
            Sample s = batch.get(i);
            List<Point> polygon = augment ? augmentedPolygon(s) : s.polygon();
            Mat crop = cropper.crop(s.image(), polygon);
            try {
                if (augment) {
                    crop = augmenter.pixels(crop);
                }
                CropTensors.writeChw(crop, data, i * 3 * plane);
            } finally {
                crop.close();
            }
            if (augment) {
                augmenter.colours(data, i * 3 * plane, plane);
            }
        }
        return manager.create(data, new Shape(batch.size(), 3, size, size));
    }

    /**
     * Augmented crops for the student, and the teacher's outputs on the same crops cut at its own
     * size (same polygon, same pixel and colour changes) appended to {@code labels}.
     */
    private NDArray withTeacher(NDManager manager, List<Sample> batch, NDList labels) {
        int size = cropper.size();
        int plane = size * size;
        int teacherSize = teacher.cropper().size();
        int teacherPlane = teacherSize * teacherSize;
        float[] data = new float[batch.size() * 3 * plane];
        float[] teacherData = new float[batch.size() * 3 * teacherPlane];
        for (int i = 0; i < batch.size(); i++) {
            Sample s = batch.get(i);
            List<Point> polygon = augmentedPolygon(s);
            Mat teacherCrop = teacher.cropper().crop(s.image(), polygon);
            Mat[] crops;
            try {
                crops = augmenter.pixels(teacherCrop, cropper.crop(s.image(), polygon));
            } catch (RuntimeException e) {
                teacherCrop.close();
                throw e;
            }
            try {
                CropTensors.writeChw(crops[0], teacherData, i * 3 * teacherPlane);
                CropTensors.writeChw(crops[1], data, i * 3 * plane);
            } finally {
                crops[0].close();
                crops[1].close();
            }
            augmenter.colours(teacherData, i * 3 * teacherPlane, teacherPlane, data, i * 3 * plane, plane);
        }
        labels.add(manager.create(teacher.logits(teacherData, batch.size()),
                new Shape(batch.size(), FillLevelNetwork.OUTPUTS)));
        return manager.create(data, new Shape(batch.size(), 3, size, size));
    }

    /** A photo is reframed, a rendered container's polygon jittered. */
    private List<Point> augmentedPolygon(Sample s) {
        return s.photo() ? augmenter.reframe(s.polygon()) : augmenter.jitter(s.polygon());
    }

    private static NDList labels(NDManager manager, List<Sample> batch) {
        float[] targets = new float[batch.size() * Sample.LABELS];
        float[] mask = new float[batch.size() * Sample.LABELS];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).targets(), 0, targets, i * Sample.LABELS, Sample.LABELS);
            System.arraycopy(batch.get(i).mask(), 0, mask, i * Sample.LABELS, Sample.LABELS);
        }
        Shape shape = new Shape(batch.size(), Sample.LABELS);
        return new NDList(manager.create(targets, shape), manager.create(mask, shape));
    }
}
