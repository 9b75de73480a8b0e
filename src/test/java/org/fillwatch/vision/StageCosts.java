package org.fillwatch.vision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.camera.JpegDecoder;
import org.fillwatch.pavilion.ContainerSpec;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;

/**
 * Where a snapshot sample's CPU goes (part of the capacity benchmark, {@code scripts/bench.sh
 * stages}): the calling thread's CPU time per frame (1280x720 unless {@code --size}) with 3
 * containers for each step of the service's path, from JPEG bytes to estimates, over 20 rendered
 * sites taken in turn; each JPEG decoded as small as the service's rule allows, or whole with
 * {@code --decode whole}.
 */
public final class StageCosts {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StageCosts() {
    }

    public static void main(String[] args) throws Exception {
        int frames = 300;
        boolean whole = false;
        int width = 1280;
        int height = 720;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--decode" -> whole = args[++i].equals("whole");
                case "--size" -> {
                    String[] wh = args[++i].split("x");
                    width = Integer.parseInt(wh[0]);
                    height = Integer.parseInt(wh[1]);
                }
                default -> throw new IllegalArgumentException(
                        "usage: scripts/bench.sh stages [--frames 300] [--decode service|whole] [--size 1280x720]");
            }
        }
        List<byte[]> jpegs = new ArrayList<>();
        List<Pavilion> pavilions = new ArrayList<>();
        SceneRenderer renderer = new SceneRenderer(20_261_125, null);
        while (jpegs.size() < 20) {
            try (RenderedScene scene = renderer.render(renderer.randomSpec(width, height))) {
                if (scene.containers().size() < 3) {
                    continue;
                }
                try (BytePointer out = new BytePointer(); IntPointer q = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 85)) {
                    opencv_imgcodecs.imencode(".jpg", scene.image(), out, q);
                    byte[] bytes = new byte[(int) out.limit()];
                    out.get(bytes);
                    jpegs.add(bytes);
                }
                Pavilion p = ShippedModelScenes.pavilion(scene);
                pavilions.add(new Pavilion("p" + jpegs.size(), p.name(), p.address(), p.district(), p.latitude(),
                        p.longitude(), p.carrierId(), p.camera(), p.containers().subList(0, 3), p.source()));
            }
        }
        Map<String, Long> cpu = new LinkedHashMap<>();
        try (FillModel model = new FillModel(Path.of("models/fill-level"), 0.5, 1)) {
            FrameQuality quality = new FrameQuality(20, 20);
            ViewGuard guard = new ViewGuard(TamperSettings.defaults(), event -> { });
            RecentCrops recent = new RecentCrops(4, 2000);
            int[] reductions = new int[pavilions.size()];
            for (int k = 0; k < reductions.length; k++) {
                List<List<ContainerSpec.Point>> polygons = pavilions.get(k).containers().stream().map(ContainerSpec::polygon).toList();
                reductions[k] = whole ? 1 : FrameAnalyzer.reduction(model.cropper(), polygons, width, height, FrameQuality.WORK_WIDTH);
            }
            System.out.printf(Locale.ROOT, "%dx%d frames; decode reduction of the %d sites: %s%n", width, height,
                    reductions.length, java.util.Arrays.toString(reductions));
            for (int i = -50; i < frames; i++) { // 50 unmeasured frames warm the JIT and the model
                boolean measured = i >= 0;
                int k = Math.floorMod(i, jpegs.size());
                byte[] jpeg = jpegs.get(k);
                Pavilion pavilion = pavilions.get(k);
                long t = THREADS.getCurrentThreadCpuTime();
                try (Mat frame = JpegDecoder.decode(jpeg, reductions[k])) {
                    t = lap(cpu, "JPEG decode (" + (whole ? "whole" : "as the service") + ")", t, measured);
                    boolean usable = quality.usable(frame);
                    t = lap(cpu, "frame quality (brightness, sharpness)", t, measured);
                    usable = guard.check(pavilion, Instant.now(), frame, usable) == ViewCheck.Verdict.GOOD && usable;
                    t = lap(cpu, "view check (tamper)", t, measured);
                    List<CropInput> crops = new ArrayList<>();
                    for (ContainerSpec c : pavilion.containers()) {
                        crops.add(new CropInput(c.id(), model.cropper().crop(frame, c.polygon()), usable));
                    }
                    t = lap(cpu, "3 crops (perspective warp)", t, measured);
                    model.predict(crops);
                    t = lap(cpu, "model, 3 crops in one batch", t, measured);
                    for (CropInput c : crops) {
                        recent.put(pavilion.id(), c.containerId(), Instant.now(), c.crop());
                    }
                    t = lap(cpu, "recent crops for labels (3 JPEG)", t, measured);
                    LatestFrames.snapshot(frame, pavilion.containers(), Instant.now());
                    t = lap(cpu, "pavilion snapshot (when due: 1 in 5 at 1/min)", t, measured);
                    LatestFrames.privacyCrop(frame, pavilion.containers(), pavilion.containers().get(0));
                    lap(cpu, "evidence picture (only when an incident opens)", t, measured);
                    crops.forEach(c -> c.crop().close());
                }
            }
        }
        double total = 0;
        for (Map.Entry<String, Long> e : cpu.entrySet()) {
            double ms = e.getValue() / 1e6 / frames;
            boolean snapshot = e.getKey().startsWith("pavilion snapshot");
            if (!e.getKey().startsWith("evidence")) {
                total += snapshot ? ms / 5 : ms;
            }
            System.out.printf(Locale.ROOT, "  %-48s %6.2f ms CPU per frame%n", e.getKey(), ms);
        }
        System.out.printf(Locale.ROOT, "STAGES: %.1f ms CPU per frame (snapshot counted 1 in 5, evidence not counted) -> at most %.0f frames/s"
                + " = %.0f cameras at 1/min on 2 cores, before HTTP, readings, storage and rules; load average %s%n",
                total, 2000 / total, 2000 / total * 60, CapacityBenchLoad.get());
    }

    private static long lap(Map<String, Long> cpu, String stage, long since, boolean measured) {
        long now = THREADS.getCurrentThreadCpuTime();
        if (measured) {
            cpu.merge(stage, now - since, Long::sum);
        }
        return THREADS.getCurrentThreadCpuTime();
    }

    /** The 1-minute load average. */
    private static final class CapacityBenchLoad {
        static String get() {
            try {
                return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
            } catch (java.io.IOException e) {
                return "n/a";
            }
        }
    }
}
