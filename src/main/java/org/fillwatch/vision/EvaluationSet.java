package org.fillwatch.vision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.vision.model.ContainerCropper;

/**
 * A labelled evaluation set in the class-folder layout: DIR/empty, partial, full, overflowing
 * (fill state) and DIR/clean, dirty (waste around), one container crop per image. True fill
 * values, when known, come from DIR/fill.csv: lines {@code class/file.jpg,fill_percent}, an
 * optional header line starting with {@code file}. Every problem names the file (and line).
 * Read by {@code evaluate}, {@code calibrate-int8} and {@code finetune --data}.
 */
public record EvaluationSet(Path root, List<Item> items) {

    public static final List<String> FILL_CLASSES = List.of("empty", "partial", "full", "overflowing");
    public static final List<String> WASTE_CLASSES = List.of("clean", "dirty");
    public static final List<String> CLASSES = List.of("empty", "partial", "full", "overflowing", "clean", "dirty");
    public static final String FILL_FILE = "fill.csv";

    /** @param fillPercent true fill 0..100, or null when the set does not say */
    public record Item(Path file, String name, String label, Double fillPercent) {

        /** The image as one container's crop (the polygon whose grown outline is the whole image), as {@code evaluate} cuts it. */
        Mat crop(ContainerCropper cropper) {
            try (Mat image = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_COLOR)) {
                if (image == null || image.empty()) {
                    throw new IllegalArgumentException("cannot read image " + file);
                }
                return cropper.crop(image, ContainerCropper.wholeImage(cropper.margin()));
            }
        }
    }

    public static EvaluationSet read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--data: folder " + root + " does not exist");
        }
        List<Item> items = new ArrayList<>();
        boolean anyClassFolder = false;
        Map<String, Double> fills = fills(root);
        for (String label : CLASSES) {
            Path dir = root.resolve(label);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            anyClassFolder = true;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    if (!isImage(file)) {
                        throw new IllegalArgumentException("--data: " + file + " is not an image (.jpg, .jpeg, .png, .bmp)");
                    }
                    String name = label + "/" + file.getFileName();
                    items.add(new Item(file, name, label, fills.remove(name)));
                }
            }
        }
        if (!anyClassFolder) {
            throw new IllegalArgumentException("--data: " + root + " holds none of the class folders " + CLASSES);
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("--data: the class folders under " + root + " hold no images");
        }
        if (!fills.isEmpty()) {
            throw new IllegalArgumentException(root.resolve(FILL_FILE) + ": no such image: " + fills.keySet().iterator().next());
        }
        return new EvaluationSet(root, List.copyOf(items));
    }

    boolean hasFill() {
        return items.stream().anyMatch(i -> i.fillPercent() != null);
    }

    private static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
    }

    private static Map<String, Double> fills(Path root) throws IOException {
        Path csv = root.resolve(FILL_FILE);
        Map<String, Double> fills = new HashMap<>();
        if (!Files.isRegularFile(csv)) {
            return fills;
        }
        List<String> lines = Files.readAllLines(csv);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("file"))) {
                continue;
            }
            String where = csv + ":" + (i + 1) + ": ";
            String[] fields = line.split(",");
            if (fields.length != 2) {
                throw new IllegalArgumentException(where + "expected file,fill_percent, got '" + line + "'");
            }
            double fill;
            try {
                fill = Double.parseDouble(fields[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "fill_percent must be a number, got '" + fields[1] + "'");
            }
            if (!(fill >= 0 && fill <= 100)) {
                throw new IllegalArgumentException(where + "fill_percent must be within 0..100, got " + fill);
            }
            if (fills.put(fields[0].strip(), fill) != null) {
                throw new IllegalArgumentException(where + "duplicate file " + fields[0].strip());
            }
        }
        return fills;
    }
}
