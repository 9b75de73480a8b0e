package org.fillwatch.scene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Renders synthetic container sites as a fixed CCTV camera sees them, with the true fill of every
 * container. Deterministic: the renderer's seed fixes its texture bank and the sequence of random
 * specs; a spec fixes its frame. Not a Spring bean; one instance may be shared by threads.
 */
public final class SceneRenderer {

    private final TextureBank bank;
    private final SplittableRandom specRandom;
    private final SitePainter site;
    private final ContainerPainter containers;
    private final OccluderPainter occluderPainter;
    private StaticLayer cachedLayer;
    private Distortion cachedDistortion;

    /** A renderer with procedural textures only. */
    public SceneRenderer(long seed) {
        this(seed, null);
    }

    /**
     * A renderer that also blends patches of real photos (JPEG/PNG files anywhere below the folder)
     * into ground, walls and waste.
     *
     * @param realPhotos folder of photos, or null for procedural textures only
     */
    public SceneRenderer(long seed, Path realPhotos) {
        this.bank = new TextureBank(seed, realPhotos);
        this.specRandom = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        this.site = new SitePainter(bank);
        this.containers = new ContainerPainter(bank);
        this.occluderPainter = new OccluderPainter(bank);
    }

    /** A random pavilion, camera, fills, conditions and occluders; the sequence follows the seed. */
    public synchronized SceneSpec randomSpec(int width, int height) {
        return RandomSpecs.random(specRandom.split(), width, height);
    }

    /** Draws the scene: a BGR 8-bit image of spec.width() x spec.height() and the truth per container. */
    public RenderedScene render(SceneSpec spec) {
        View view = new View(spec.camera(), spec.width(), spec.height());
        Mat img = staticLayer(spec, view);
        try {
            SplittableRandom sceneRnd = new SplittableRandom(spec.seed());
            SplittableRandom frameRnd = new SplittableRandom(spec.noiseSeed());
            List<ContainerBox> boxes = new ArrayList<>();
            for (SceneSpec.Container c : spec.containers()) {
                boxes.add(new ContainerBox(c, spec.site().rowZ()));
            }
            paintRow(img, view, spec, boxes);
            List<SceneSpec.Occluder> occluders = new ArrayList<>(spec.occluders());
            occluders.sort(Comparator.comparingDouble(o -> -o.z()));
            for (SceneSpec.Occluder o : occluders) {
                occluderPainter.paint(img, view, o);
            }
            SceneSpec.Conditions c = spec.conditions();
            Effects.light(img, c, sceneRnd.split());
            Effects.weather(img, c, frameRnd.split());
            if (c.light() != SceneSpec.Light.NIGHT_IR) {
                Effects.cast(img, c.cast()); // infrared pictures are grey whatever the camera's balance
            }
            Effects.motionBlur(img, c.motionBlurPx());
            Distortion distortion = distort(spec, img);
            bank.addGrain(img, frameRnd.split(), c.noise() * 0.6);
            if (spec.timestamp() != null) {
                Effects.timestamp(img, spec.timestamp(), sceneRnd.split());
            }
            Effects.jpeg(img, c.jpegQuality());
            return new RenderedScene(img, truths(spec, view, boxes, distortion));
        } catch (RuntimeException | Error e) {
            img.close();
            throw e;
        }
    }

    private void paintRow(Mat img, View view, SceneSpec spec, List<ContainerBox> boxes) {
        SceneSpec.Conditions c = spec.conditions();
        boolean sun = c.shadows() && c.light() == SceneSpec.Light.DAY;
        if (sun) {
            Shadows.fence(img, view, spec.site(), c);
            for (ContainerBox b : boxes) {
                if (b.spec.present()) {
                    Shadows.cast(img, view, b, c, spec.site().fenceZ());
                }
            }
        }
        List<ContainerBox> order = new ArrayList<>(boxes);
        // the containers farthest to the side are drawn first, so nearer side faces overlap them
        order.sort(Comparator.comparingDouble(b -> -Math.abs(b.cx - view.camX)));
        for (ContainerBox b : order) {
            if (b.spec.present()) {
                ContainerPainter.contactShadow(img, view, b);
            }
        }
        // sun from behind the camera lights the front walls; from behind the row they are in shade
        double frontLight = sun ? (Math.sin(Math.toRadians(c.sunAzimuthDeg())) > 0 ? 1.15 : 0.8) : 1.0;
        for (ContainerBox b : order) {
            if (b.spec.present()) {
                containers.paint(img, view, b, spec, frontLight);
            }
            if (b.spec.wasteAround()) {
                WastePainter.around(img, view, b, new SplittableRandom(b.spec.detailSeed() ^ 0xA20D), 4);
            }
        }
    }

    private static List<ContainerTruth> truths(SceneSpec spec, View view, List<ContainerBox> boxes, Distortion d) {
        List<ContainerTruth> out = new ArrayList<>();
        for (ContainerBox b : boxes) {
            List<double[]> polygon = new ArrayList<>();
            for (double[] p : b.outline(view)) {
                double[] q = d == null ? p : d.forward(p);
                polygon.add(new double[] {clamp01(q[0] / spec.width()), clamp01(q[1] / spec.height())});
            }
            SceneSpec.Container c = b.spec;
            out.add(new ContainerTruth(c.id(), polygon, c.fill(), c.overflowing(), c.present(), c.wasteAround()));
        }
        return out;
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The background layer of the last scene is kept: clip frames differ only in the row. */
    private Mat staticLayer(SceneSpec spec, View view) {
        StaticLayer.Key key = StaticLayer.key(spec);
        synchronized (this) {
            if (cachedLayer != null && cachedLayer.key().equals(key)) {
                return cachedLayer.image().clone();
            }
        }
        Mat fresh = site.paint(spec, view);
        synchronized (this) {
            if (cachedLayer != null) {
                cachedLayer.image().close();
            }
            cachedLayer = new StaticLayer(key, fresh);
            return fresh.clone();
        }
    }

    /**
     * Applies the lens's barrel distortion, if any, and returns the distortion for mapping truth
     * points (null when none). Applied under the lock: another thread may replace the cached maps.
     */
    private synchronized Distortion distort(SceneSpec spec, Mat img) {
        double k = spec.camera().barrel();
        if (k <= 0) {
            return null;
        }
        if (cachedDistortion == null || !cachedDistortion.matches(spec.width(), spec.height(), k)) {
            if (cachedDistortion != null) {
                cachedDistortion.close();
            }
            cachedDistortion = new Distortion(spec.width(), spec.height(), k);
        }
        cachedDistortion.apply(img);
        return cachedDistortion;
    }
}
