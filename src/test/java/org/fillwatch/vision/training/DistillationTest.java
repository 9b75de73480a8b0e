package org.fillwatch.vision.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.CropTensors;
import org.fillwatch.vision.model.FillLevelModelFiles;
import org.fillwatch.vision.model.FillLevelNetwork;
import org.junit.jupiter.api.Test;

/** A student trained only towards the shipped model (as teacher) ends up closer to its outputs. */
class DistillationTest {

    private static final int STUDENT_SIZE = 96;
    private static final Path MODEL = Path.of("models/fill-level");

    /**
     * Trains the same student twice on the same augmented crops that carry only the present label,
     * once without and once with the teacher's term: only the second pulls it towards the teacher. (Both runs move the
     * batch-norm statistics, so the comparison is between the two runs, not before and after.)
     */
    @Test
    void theStudentMovesTowardsTheTeachersOutputs() throws Exception {
        TrainOptions options = TrainOptions.parse(new String[] {"--pretrained", "unused", "--real", "unused", "--out",
                "unused", "--synthetic", "24", "--synthetic-eval", "0", "--size", String.valueOf(STUDENT_SIZE)});
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Teacher teacher = Teacher.load(MODEL, TrainCommand.CROP_MARGIN);
             SyntheticData data = new SyntheticData(options, teacher.cropper().size(), TrainCommand.CROP_MARGIN, quiet)) {
            // only "a container is there" known: the rest the student can learn from the teacher alone
            float[] presentOnly = new float[Sample.LABELS];
            presentOnly[Sample.PRESENT] = 1;
            List<Sample> unlabelled = data.train.stream().map(s -> new Sample(s.name(), s.image(), s.polygon(),
                    s.targets(), presentOnly, s.photo())).toList();
            double withoutTeacher = distanceAfterTraining(teacher, unlabelled, 0f, quiet);
            double distilled = distanceAfterTraining(teacher, unlabelled, 1f, quiet);

            assertThat(distilled).as("mean |student - teacher| per output probability; without the teacher's term: %.4f",
                    withoutTeacher).isLessThan(withoutTeacher * 0.5);
        }
    }

    private static double distanceAfterTraining(Teacher teacher, List<Sample> samples, float weight, PrintStream log) {
        try (FillLevelModelFiles.Loaded loaded = FillLevelModelFiles.load(MODEL)) {
            // the student: the shipped weights run at a smaller input, so its outputs differ from the teacher's;
            // only the last feature layer and the heads learn (quick, and enough to show the pull)
            Model student = loaded.model();
            student.getNDManager().getEngine().setRandomSeed(3);
            FillLevelNetwork net = (FillLevelNetwork) student.getBlock();
            net.initialize(student.getNDManager(), DataType.FLOAT32, new Shape(1, 3, STUDENT_SIZE, STUDENT_SIZE));
            net.freezeParameters(false);
            net.features().freezeEarlyLayers(17);
            ContainerCropper cropper = new ContainerCropper(STUDENT_SIZE, TrainCommand.CROP_MARGIN);
            new FineTuner(student, cropper, 8, 11, log, teacher, weight, 0, 0).train(samples, 8, 3e-4f, () -> { });
            return distance(student, cropper, teacher, samples);
        }
    }

    /** Mean absolute difference between the student's and the teacher's probabilities on un-augmented crops. */
    private static double distance(Model student, ContainerCropper cropper, Teacher teacher, List<Sample> samples) {
        int n = samples.size();
        float[] theirs = teacher.logits(batch(teacher.cropper(), samples), n);
        float[] ours;
        try (NDManager manager = student.getNDManager().newSubManager()) {
            var x = manager.create(batch(cropper, samples), new Shape(n, 3, cropper.size(), cropper.size()));
            // in training mode, as the loss sees it: batch norm then uses this batch's statistics, not the
            // running ones that 24 crops cannot settle
            ours = student.getBlock().forward(new ParameterStore(manager, false), new NDList(x), true)
                    .singletonOrThrow().toFloatArray();
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double[] p = probabilities(java.util.Arrays.copyOfRange(ours, k * FillLevelNetwork.OUTPUTS, (k + 1) * FillLevelNetwork.OUTPUTS));
            double[] q = probabilities(java.util.Arrays.copyOfRange(theirs, k * FillLevelNetwork.OUTPUTS, (k + 1) * FillLevelNetwork.OUTPUTS));
            for (int i = 0; i < p.length; i++) {
                sum += Math.abs(p[i] - q[i]);
            }
        }
        return sum / (n * FillLevelNetwork.OUTPUTS);
    }

    private static float[] batch(ContainerCropper cropper, List<Sample> samples) {
        int plane = 3 * cropper.size() * cropper.size();
        float[] data = new float[samples.size() * plane];
        for (int k = 0; k < samples.size(); k++) {
            try (Mat crop = cropper.crop(samples.get(k).image(), samples.get(k).polygon())) {
                CropTensors.writeChw(crop, data, k * plane);
            }
        }
        return data;
    }

    /** What the loss compares: sigmoids of fill, waste and present, the softmax of the state logits. */
    private static double[] probabilities(float[] logits) {
        double[] p = new double[FillLevelNetwork.OUTPUTS];
        double sum = 0;
        for (int i = 0; i < FillLevelNetwork.STATES; i++) {
            sum += Math.exp(logits[FillLevelNetwork.STATE + i]);
        }
        for (int i = 0; i < FillLevelNetwork.OUTPUTS; i++) {
            boolean state = i >= FillLevelNetwork.STATE && i < FillLevelNetwork.STATE + FillLevelNetwork.STATES;
            p[i] = state ? Math.exp(logits[i]) / sum : 1 / (1 + Math.exp(-logits[i]));
        }
        return p;
    }

}
