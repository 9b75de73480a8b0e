package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.ContainerSpec.Point;
import org.fillwatch.scene.ContainerTruth;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneSpec;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.vision.model.ContainerCropper;
import org.fillwatch.vision.model.HeadOutputs;

/**
 * {@code export-eval-set --out DIR [--count N] [--seed S] [--size PX] [--photos DIR] [--visible-only]}: renders a
 * synthetic evaluation set for {@code evaluate}: the containers of freshly rendered scenes,
 * each cut out as the service cuts it (polygon grown by the crop margin, rectified), saved as
 * DIR/{empty,partial,full,overflowing}/NNNNN.jpg with the true fill in DIR/fill.csv. The default
 * seed differs from the training seed (42) and its held-out seed (1000045), so the scenes are new.
 * A closed lid hides the fill (unless bags prop it open): such crops carry a fill no picture can
 * show; {@code --visible-only} leaves them out, as training's held-out set does.
 */
public final class ExportEvalSetCommand {

    static final String USAGE = "export-eval-set --out DIR [--count 400] [--seed 7340033] [--size 160] [--photos DIR] [--visible-only]";
    static final long DEFAULT_SEED = 7_340_033;
    static final double CROP_MARGIN = 0.15;
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;

    private ExportEvalSetCommand() {
    }

    public static int main(String[] args) throws Exception {
        Path out = null;
        Path photos = null;
        int count = 400;
        long seed = DEFAULT_SEED;
        int size = 160;
        boolean visibleOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--visible-only")) {
                visibleOnly = true;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value\nusage: " + USAGE);
            }
            switch (args[i]) {
                case "--out" -> out = Path.of(value);
                case "--photos" -> photos = Path.of(value);
                case "--count" -> count = whole(args[i], value, 1, 100_000);
                case "--seed" -> seed = whole(args[i], value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "--size" -> size = whole(args[i], value, 32, 512);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\nusage: " + USAGE);
            }
            i++;
        }
        if (out == null) {
            throw new IllegalArgumentException("missing --out\nusage: " + USAGE);
        }
        if (photos != null && !Files.isDirectory(photos)) {
            throw new IllegalArgumentException("--photos: not a folder: " + photos);
        }
        Exported exported = export(out, count, seed, size, photos, visibleOnly);
        System.err.printf("%d crops written to %s (seed %d); %d of them behind a closed lid (fill not visible)%s%n",
                exported.written(), out, seed, exported.hidden(), visibleOnly
                        ? ", " + exported.skipped() + " such crops left out (--visible-only)" : "");
        return 0;
    }

    /** Crops written; of them, with the fill hidden by a closed lid; such crops left out. */
    record Exported(int written, int hidden, int skipped) {
    }

    /** Renders scenes until {@code count} present containers are written. */
    static Exported export(Path out, int count, long seed, int size, Path photos, boolean visibleOnly) throws Exception {
        for (String label : EvaluationSet.FILL_CLASSES) {
            Files.createDirectories(out.resolve(label));
        }
        SceneRenderer renderer = new SceneRenderer(seed, photos);
        ContainerCropper cropper = new ContainerCropper(size, CROP_MARGIN);
        int written = 0;
        int hidden = 0;
        int skipped = 0;
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve(EvaluationSet.FILL_FILE));
             IntPointer quality = new IntPointer(IMWRITE_JPEG_QUALITY, 95)) {
            csv.write("file,fill_percent\n");
            while (written < count) {
                SceneSpec spec = renderer.randomSpec(WIDTH, HEIGHT);
                try (RenderedScene scene = renderer.render(spec)) {
                    for (ContainerTruth t : scene.containers()) {
                        // an absent container has no fill state: it is not part of this set
                        if (!t.present() || written >= count) {
                            continue;
                        }
                        boolean visible = spec.fillVisible(t.id());
                        if (!visible && visibleOnly) {
                            skipped++;
                            continue;
                        }
                        hidden += visible ? 0 : 1;
                        String label = EvaluationSet.FILL_CLASSES.get(HeadOutputs.stateOf(t.fill(), t.overflowing()));
                        String name = label + "/" + String.format(Locale.ROOT, "%05d.jpg", written);
                        List<Point> polygon = t.polygon().stream().map(p -> new Point(p[0], p[1])).toList();
                        try (Mat crop = cropper.crop(scene.image(), polygon)) {
                            if (!opencv_imgcodecs.imwrite(out.resolve(name).toString(), crop, quality)) {
                                throw new IllegalStateException("cannot write " + out.resolve(name));
                            }
                        }
                        csv.write(String.format(Locale.ROOT, "%s,%.1f%n", name, 100 * t.fill()));
                        written++;
                    }
                }
            }
        }
        return new Exported(written, hidden, skipped);
    }

    private static int whole(String option, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number within " + min + ".." + max + ", got " + value);
    }
}
