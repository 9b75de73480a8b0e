package org.fillwatch.vision.training;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.fillwatch.vision.model.ContainerCropper;

/**
 * The "Clean dirty containers in Montevideo" photos (class folders clean/ and dirty/). They
 * label only waste around the container. Each class is split on its own with a seeded shuffle,
 * so the validation files are the same for the same seed and never used for training.
 */
final class CdcmData {

    static final String[] CLASSES = {"clean", "dirty"};

    final List<Sample> train = new ArrayList<>();
    final List<Sample> validation = new ArrayList<>();
    final int[] trainCounts = new int[2];
    final int[] validationCounts = new int[2];

    /**
     * @param maxSide photos are shrunk to this longest side on load, which keeps 1000 of them in
     *                memory; crops are much smaller still
     */
    CdcmData(Path root, double validationFraction, long seed, int maxSide, double cropMargin) throws IOException {
        for (int label = 0; label < CLASSES.length; label++) {
            Path dir = root.resolve(CLASSES[label]);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--real: folder " + dir + " is missing (expected clean/ and dirty/)");
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = new ArrayList<>(list.filter(CdcmData::isImage).sorted().toList());
            }
            Collections.shuffle(files, new Random(seed + label));
            int validationSize = (int) Math.round(files.size() * validationFraction);
            for (int i = 0; i < files.size(); i++) {
                boolean isValidation = i < validationSize;
                Sample sample = load(files.get(i), CLASSES[label], label, maxSide, cropMargin);
                (isValidation ? validation : train).add(sample);
                (isValidation ? validationCounts : trainCounts)[label]++;
            }
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    private static Sample load(Path file, String className, int label, int maxSide, double cropMargin) {
        Mat image = opencv_imgcodecs.imread(file.toString(), IMREAD_COLOR);
        if (image == null || image.empty()) {
            throw new IllegalArgumentException("--real: cannot read image " + file);
        }
        double scale = (double) maxSide / Math.max(image.cols(), image.rows());
        if (scale < 1) {
            Mat small = new Mat();
            try (Size size = new Size((int) Math.round(image.cols() * scale), (int) Math.round(image.rows() * scale))) {
                opencv_imgproc.resize(image, small, size, 0, 0, INTER_AREA);
            }
            image.close();
            image = small;
        }
        // every CDCM photo shows a container: it teaches the present head what real ones look like,
        // which rendered containers alone did not (clean street photos read as absent otherwise)
        // a clean photo is not overflowing (dirty ones may only have litter beside the container):
        // this teaches the state head on real pictures, where it otherwise sometimes said overflowing
        float[] targets = {0, 0, label, 1, 0};
        float[] mask = {0, 0, 1, 1, label == 0 ? 1 : 0};
        return new Sample(className + "/" + file.getFileName(), image, ContainerCropper.wholeImage(cropMargin), targets, mask, true);
    }

    List<String> validationNames() {
        return validation.stream().map(Sample::name).sorted().toList();
    }
}
