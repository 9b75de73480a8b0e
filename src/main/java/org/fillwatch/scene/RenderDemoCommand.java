package org.fillwatch.scene;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code render-demo [--out DIR] [--photos DIR] [--seed N]}: renders the demo pavilions' clips
 * (960x540, 2 frames/s, 120 s, MPEG-4 in AVI), their per-frame truth (CSV) and their camera
 * configuration (YAML) into DIR (default camera-config/demo).
 */
public final class RenderDemoCommand {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    static final double FPS = 2;
    static final int KEYFRAME_INTERVAL = 4;

    private RenderDemoCommand() {
    }

    public static int main(String[] args) throws Exception {
        Path out = Path.of("camera-config/demo");
        Path photos = null;
        long seed = 2026;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(required(args[i], value));
                case "--photos" -> photos = Path.of(required(args[i], value));
                case "--seed" -> seed = parseSeed(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: render-demo [--out DIR] [--photos DIR] [--seed N])");
            }
            i++;
        }
        if (photos != null && !Files.isDirectory(photos)) {
            throw new IllegalArgumentException("--photos: not a folder: " + photos);
        }
        SceneRenderer renderer = new SceneRenderer(seed, photos);
        for (DemoPavilion p : DemoPavilions.all(WIDTH, HEIGHT)) {
            long start = System.nanoTime();
            Path clip = writePavilion(renderer, p, out, (int) (DemoPavilions.CLIP_SECONDS * FPS));
            System.out.printf(Locale.ROOT, "%s: %s, %d bytes, %.1f s%n", p.id(), clip, Files.size(clip),
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** Renders one pavilion's clip, truth CSV and YAML; returns the clip's path. */
    static Path writePavilion(SceneRenderer renderer, DemoPavilion p, Path out, int frames) throws Exception {
        Path clips = out.resolve("clips");
        Files.createDirectories(clips);
        Path clip = clips.resolve(p.id() + ".avi");
        Path truth = clips.resolve(p.id() + ".truth.csv");
        List<ContainerTruth> outlines = null;
        try (ClipWriter writer = new ClipWriter(clip, p.base().width(), p.base().height(), FPS, KEYFRAME_INTERVAL);
             BufferedWriter csv = Files.newBufferedWriter(truth)) {
            csv.write("time_s,container,fill_percent,overflowing,present\n");
            for (int i = 0; i < frames; i++) {
                double t = i / FPS;
                try (RenderedScene scene = renderer.render(p.at(t, i))) {
                    writer.write(scene.image());
                    if (outlines == null) {
                        outlines = scene.containers();
                    }
                    for (ContainerTruth c : scene.containers()) {
                        csv.write(String.format(Locale.ROOT, "%.1f,%s,%.1f,%b,%b%n", t, c.id(), c.fill() * 100,
                                c.overflowing(), c.present()));
                    }
                }
            }
        }
        Files.writeString(out.resolve(p.id() + ".yaml"), PavilionYaml.write(p, "clips/" + p.id() + ".avi", outlines));
        return clip;
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed: not a whole number: " + value);
        }
    }
}
