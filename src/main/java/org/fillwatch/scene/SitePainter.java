package org.fillwatch.scene;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Paints what does not change while a clip runs: sky, the building behind the pavilion, the far
 * street, the ground of the pavilion and its fence. Textures are drawn flat in the plane's own
 * coordinates and warped into the image, so perspective comes from the camera model.
 */
final class SitePainter {

    private static final double BACKDROP_GAP = 11;

    private final TextureBank bank;

    SitePainter(TextureBank bank) {
        this.bank = bank;
    }

    Mat paint(SceneSpec spec, View view) {
        SplittableRandom rnd = new SplittableRandom(spec.seed() ^ 0x5171E5EEDL);
        Mat img = new Mat(spec.height(), spec.width(), CV_8UC3);
        sky(img, rnd);
        SceneSpec.Site site = spec.site();
        double zBack = site.fenceZ() + BACKDROP_GAP;
        double hw = view.halfWidthAt(zBack) + 4;
        double x0 = view.camX - hw, x1 = view.camX + hw;
        boolean snowy = site.ground() == SceneSpec.Ground.SNOW || spec.conditions().weather() == SceneSpec.Weather.SNOW;
        farStreet(img, view, rnd, x0, x1, site.fenceZ(), zBack, snowy);
        backdrop(img, view, rnd, x0, x1, zBack, snowy);
        ground(img, spec, view, rnd);
        fence(img, spec, view, rnd, snowy);
        return img;
    }

    private void sky(Mat img, SplittableRandom rnd) {
        int top = 0xaab4c2 + rnd.nextInt(0x10) * 0x010101;
        int h = img.rows();
        for (int band = 0; band < 8; band++) {
            int y0 = band * h / 8, y1 = (band + 1) * h / 8;
            try (Rect r = new Rect(0, y0, img.cols(), y1 - y0);
                 Mat roi = img.apply(r)) {
                roi.put(Draw.bgr(Draw.mix(top, 0xd8dde2, band / 8.0)));
            }
        }
    }

    private void farStreet(Mat img, View view, SplittableRandom rnd, double x0, double x1, double z0, double z1,
                           boolean snowy) {
        try (Mat tex = bank.mottled(rnd, view.texels(256), view.texels(128), snowy ? 0xc8ccd2 : 0x5c5c60, 0.4)) {
            Draw.warpInto(img, tex, view.project(new double[][] {
                    {x0, 0, z1}, {x1, 0, z1}, {x1, 0, z0 - 0.2}, {x0, 0, z0 - 0.2}}));
        }
    }

    /** A five-storey panel block, or a row of trees, behind the pavilion. */
    private void backdrop(Mat img, View view, SplittableRandom rnd, double x0, double x1, double z, boolean snowy) {
        int w = view.texels(640), h = view.texels(320); // far away, mostly behind the fence
        boolean building = rnd.nextDouble() < 0.7;
        int[] walls = {0xc9bca3, 0xb8b4ac, 0xd3c6b0, 0x9fa6a8, 0xc4a98a};
        int wall = building ? walls[rnd.nextInt(walls.length)] : 0x55604a;
        try (Mat tex = bank.mottled(rnd, w, h, wall, building ? 0.25 : 0.8)) {
            double metresPerPx = (x1 - x0) / w;
            double height = h * metresPerPx;
            if (building) {
                windows(tex, rnd, metresPerPx);
            } else {
                trees(tex, rnd, snowy);
            }
            Draw.warpInto(img, tex, view.project(new double[][] {
                    {x0, height, z}, {x1, height, z}, {x1, 0, z}, {x0, 0, z}}));
        }
    }

    private static void windows(Mat tex, SplittableRandom rnd, double metresPerPx) {
        int floorPx = (int) (2.8 / metresPerPx);
        int bayPx = (int) ((2.6 + rnd.nextDouble()) / metresPerPx);
        int winW = (int) (1.3 / metresPerPx), winH = (int) (1.4 / metresPerPx);
        int offset = rnd.nextInt(bayPx);
        for (int y = tex.rows() - floorPx + (floorPx - winH) / 2; y > 0; y -= floorPx) {
            for (int x = offset; x < tex.cols(); x += bayPx) {
                int glass = rnd.nextDouble() < 0.15 ? 0x8a7a55 : 0x3a4550 + rnd.nextInt(0x10) * 0x010101;
                try (Point a = new Point(x, y); Point b = new Point(x + winW, y + winH);
                     Point c = new Point(x - 1, y - 1); Point d = new Point(x + winW + 1, y + winH + 2)) {
                    rectangle(tex, c, d, Draw.bgr(0xe0ddd5), -1, 8, 0);
                    rectangle(tex, a, b, Draw.bgr(glass), -1, 8, 0);
                }
            }
            // panel seams between floors
            try (Point a = new Point(0, y + winH + (floorPx - winH) / 2); Point b = new Point(tex.cols(), y + winH + (floorPx - winH) / 2)) {
                org.bytedeco.opencv.global.opencv_imgproc.line(tex, a, b, Draw.grey(110), 1, 8, 0);
            }
        }
    }

    private static void trees(Mat tex, SplittableRandom rnd, boolean snowy) {
        for (int i = 0; i < 90; i++) {
            int x = rnd.nextInt(tex.cols()), y = tex.rows() / 3 + rnd.nextInt(tex.rows() * 2 / 3);
            int r = (int) (tex.cols() * (0.01 + 0.04 * rnd.nextDouble()));
            int colour = snowy ? 0x6a6e70 : (rnd.nextBoolean() ? 0x3d4a2e : 0x52603c);
            try (Point c = new Point(x, y); Size s = new Size(r, r * 2 / 3)) {
                ellipse(tex, c, s, rnd.nextInt(180), 0, 360, Draw.bgr(colour, 0.7 + 0.5 * rnd.nextDouble()), -1, LINE_AA, 0);
            }
        }
    }

    private void ground(Mat img, SceneSpec spec, View view, SplittableRandom rnd) {
        SceneSpec.Site site = spec.site();
        double zFar = site.fenceZ();
        double zNear = Math.max(0.3, Math.min(site.rowZ() - 1.5, view.groundZAtRow(view.height * 1.08)));
        double hw = view.halfWidthAt(zFar) + 3;
        double x0 = view.camX - hw, x1 = view.camX + hw;
        int w = view.texels(896), h = view.texels(512);
        boolean snow = site.ground() == SceneSpec.Ground.SNOW;
        try (Mat tex = bank.mottled(rnd, w, h, site.groundRgb(), snow ? 0.18 : 0.32)) {
            GroundPlane plane = new GroundPlane(x0, x1, zNear, zFar, w, h);
            if (snow) {
                GroundDetails.snow(tex, plane, spec, rnd);
            } else {
                GroundDetails.asphalt(tex, plane, spec, rnd);
            }
            bank.blendPhotoPatches(tex, rnd, 6, snow ? 0.2 : 0.32, TextureBank.Source.GROUND);
            bank.addGrain(tex, rnd, 0.25);
            Draw.warpInto(img, tex, view.project(new double[][] {
                    {x0, 0, zFar}, {x1, 0, zFar}, {x1, 0, zNear}, {x0, 0, zNear}}));
        }
    }

    private void fence(Mat img, SceneSpec spec, View view, SplittableRandom rnd, boolean snowy) {
        SceneSpec.Site site = spec.site();
        double z = site.fenceZ(), fh = site.fenceHeight();
        double hw = view.halfWidthAt(z) + 2;
        double x0 = view.camX - hw, x1 = view.camX + hw;
        int w = view.texels(1280);
        int h = (int) Math.round(w * fh / (x1 - x0));
        double pxPerM = w / (x1 - x0);
        try (Mat tex = site.fence() == SceneSpec.Fence.CORRUGATED
                ? corrugated(rnd, w, h, pxPerM, site.fenceRgb())
                : brick(rnd, w, h, pxPerM, site.fenceRgb())) {
            FenceDetails.weather(tex, rnd, pxPerM, snowy);
            bank.blendPhotoPatches(tex, rnd, 3, 0.2, TextureBank.Source.WALL);
            Draw.warpInto(img, tex, view.project(new double[][] {
                    {x0, fh, z}, {x1, fh, z}, {x1, 0, z}, {x0, 0, z}}));
        }
    }

    /** Vertical corrugation: a shaded profile row stretched down, then dirt, joints and rust. */
    private Mat corrugated(SplittableRandom rnd, int w, int h, double pxPerM, int rgb) {
        double period = 0.125 * pxPerM;
        byte[] row = new byte[w * 3];
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        for (int x = 0; x < w; x++) {
            double s = Math.sin(2 * Math.PI * x / period);
            double shade = 0.78 + 0.22 * s + (s > 0.85 ? 0.15 : 0);
            row[x * 3] = (byte) Draw.clamp(b * shade);
            row[x * 3 + 1] = (byte) Draw.clamp(g * shade);
            row[x * 3 + 2] = (byte) Draw.clamp(r * shade);
        }
        Mat tex = new Mat();
        try (Mat line = new Mat(1, w, CV_8UC3); Size s = new Size(w, Math.max(2, h));
             Mat dirt = bank.mottled(rnd, w, Math.max(2, h), 0x808080, 0.35)) {
            line.data().put(row);
            resize(line, tex, s, 0, 0, INTER_LINEAR);
            org.bytedeco.opencv.global.opencv_core.multiply(tex, dirt, tex, 1.0 / 128, -1);
        }
        double sheet = (1.0 + 0.15 * rnd.nextDouble()) * pxPerM;
        for (double x = rnd.nextDouble() * sheet; x < w; x += sheet) {
            Draw.line(tex, new double[] {x, 0}, new double[] {x, h}, Draw.bgr(rgb, 0.45), 2);
            if (rnd.nextDouble() < 0.5) {
                // rust running down from the bolts of a joint
                double len = h * (0.2 + 0.6 * rnd.nextDouble());
                Draw.line(tex, new double[] {x + 3, h * 0.1}, new double[] {x + 4, h * 0.1 + len},
                        Draw.bgr(0x7a4a2a, 0.9), 3);
            }
        }
        return tex;
    }

    /** Bricks drawn on a tile of a few courses, repeated over the wall; dirt noise breaks the repeat. */
    private Mat brick(SplittableRandom rnd, int w, int h, double pxPerM, int rgb) {
        double bw = 0.25 * pxPerM, bh = 0.075 * pxPerM;
        int tileW = (int) Math.round(bw * 8), tileH = (int) Math.round(bh * 8);
        Mat tex;
        try (Mat tile = new Mat(Math.max(2, tileH), Math.max(2, tileW), CV_8UC3, Draw.bgr(0xa8a090))) {
            for (int row = 0; row < 8; row++) {
                double y = row * bh, off = (row % 2) * bw / 2;
                for (double x = -off; x < tileW; x += bw) {
                    double k = 0.75 + 0.4 * rnd.nextDouble();
                    try (Point a = new Point((int) x + 1, (int) y + 1);
                         Point c = new Point((int) (x + bw) - 1, (int) (y + bh) - 1)) {
                        rectangle(tile, a, c, Draw.bgr(rgb, k), -1, 8, 0);
                    }
                }
            }
            tex = new Mat();
            org.bytedeco.opencv.global.opencv_core.repeat(tile, Math.max(1, h / Math.max(1, tileH) + 1),
                    w / Math.max(1, tileW) + 1, tex);
        }
        try (Rect crop = new Rect(0, 0, w, Math.max(2, h)); Mat cut = tex.apply(crop)) {
            Mat exact = cut.clone();
            tex.close();
            tex = exact;
        }
        try (Mat dirt = bank.mottled(rnd, w, Math.max(2, h), 0x808080, 0.3)) {
            org.bytedeco.opencv.global.opencv_core.multiply(tex, dirt, tex, 1.0 / 128, -1);
        }
        // concrete coping on top of the wall
        try (Point a = new Point(0, 0); Point b = new Point(w, (int) (0.06 * pxPerM))) {
            rectangle(tex, a, b, Draw.bgr(0x9a9a96), -1, 8, 0);
        }
        try (Size k = new Size(3, 3)) {
            GaussianBlur(tex, tex, k, 0);
        }
        return tex;
    }

    /** Maps metres on the ground to texture pixels: x across, z from far (row 0) to near. */
    record GroundPlane(double x0, double x1, double zNear, double zFar, int w, int h) {
        double[] px(double x, double z) {
            return new double[] {(x - x0) / (x1 - x0) * w, (zFar - z) / (zFar - zNear) * h};
        }

        double pxPerMx() {
            return w / (x1 - x0);
        }

        double pxPerMz() {
            return h / (zFar - zNear);
        }
    }
}
