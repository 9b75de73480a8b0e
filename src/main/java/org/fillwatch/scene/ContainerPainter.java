package org.fillwatch.scene;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Paints one container: the inside seen through the open top (inner walls, floor or the waste at
 * its fill level), the outer walls with their wear, the lid, and the overflow heap. The inside is
 * drawn into a copy of the region and pasted back through the rim's outline, so nothing inside
 * shows outside the opening.
 */
final class ContainerPainter {

    private final WastePainter waste;
    private final FaceTextures faces;

    ContainerPainter(TextureBank bank) {
        this.waste = new WastePainter(bank);
        this.faces = new FaceTextures(bank);
    }

    /** Soft dark patch on the ground under the container (contact shadow), drawn before bodies. */
    static void contactShadow(Mat img, View view, ContainerBox box) {
        double w = box.spec.type().width / 2 + 0.12, d = box.spec.type().depth / 2 + 0.1;
        double[][] ground = view.project(new double[][] {Draw.p(box.cx - w, 0, box.cz + d), Draw.p(box.cx + w, 0, box.cz + d),
                Draw.p(box.cx + w, 0, box.cz - d - 0.1), Draw.p(box.cx - w, 0, box.cz - d - 0.1)});
        Draw.softBlend(img, ground, Draw.grey(10), 0.5, (int) Math.max(2, 0.08 * view.scaleAt(box.cx, 0, box.cz)));
    }

    void paint(Mat img, View view, ContainerBox box, SceneSpec spec, double frontLight) {
        SceneSpec.Container c = box.spec;
        SplittableRandom rnd = new SplittableRandom(c.detailSeed());
        boolean snowy = spec.site().ground() == SceneSpec.Ground.SNOW
                || spec.conditions().weather() == SceneSpec.Weather.SNOW;
        double lidAngle = lidAngle(c, rnd);
        if (lidAngle > 90) {
            lid(img, view, box, lidAngle, rnd.split());
        }
        if (box.spec.type().hasLid()) {
            wheels(img, view, box);
        }
        boolean leftVisible = view.camX < box.cx - c.type().width / 2;
        boolean rightVisible = view.camX > box.cx + c.type().width / 2;
        interior(img, view, box, rnd.split(), snowy);
        SplittableRandom faceRnd = rnd.split();
        if (leftVisible) {
            face(img, view.project(box.leftSide()), faces.wall(c, faceRnd.split(), 0.55 * frontLight, false, snowy, view.detail));
        } else if (rightVisible) {
            face(img, view.project(box.rightSide()), faces.wall(c, faceRnd.split(), 0.6 * frontLight, false, snowy, view.detail));
        }
        face(img, view.project(box.front()), faces.wall(c, faceRnd.split(), 0.85 * frontLight, true, snowy, view.detail));
        rimLip(img, view, box);
        if (snowy) {
            snowOnRim(img, view, box);
        }
        if (c.type() == SceneSpec.ContainerType.OPEN_METAL_075) {
            trunnions(img, view, box);
        }
        SplittableRandom heapRnd = rnd.split();
        if (c.overflowing() || c.fill() >= 0.97) {
            int count = c.overflowing() ? 14 + heapRnd.nextInt(8) : 6;
            double height = c.overflowing() ? 0.35 + 0.2 * heapRnd.nextDouble() : 0.12;
            if (lidAngle < 90 && c.lid() == SceneSpec.Lid.CLOSED) {
                height *= 0.5; // a closed lid rests on the heap
            }
            WastePainter.heap(img, view, box, heapRnd, height, count);
        }
        if (lidAngle <= 90) {
            lid(img, view, box, lidAngle, rnd.split());
            if (c.overflowing()) {
                // more bags thrown onto the propped lid
                WastePainter.heap(img, view, box, heapRnd, 0.3, 3);
            }
        }
    }

    /** Degrees the lid is turned up from closed; above 90 it leans back behind the container. */
    private static double lidAngle(SceneSpec.Container c, SplittableRandom rnd) {
        double wobble = rnd.nextDouble() * 15;
        return switch (c.lid()) {
            case NONE, MISSING -> -1;
            // leaning back against the fence, or hanging down behind the body
            case OPEN -> rnd.nextBoolean() ? 100 + wobble : 185 + wobble;
            case CLOSED -> c.overflowing() || c.fill() >= 0.97 ? 22 + wobble : 2;
        };
    }

    private void interior(Mat img, View view, ContainerBox box, SplittableRandom rnd, boolean snowy) {
        SceneSpec.Container c = box.spec;
        if (!c.fillVisible()) {
            return; // covered by the closed lid
        }
        double[][] rim = view.project(box.rim());
        Rect r = Draw.bounds(img, rim, 2);
        if (r == null) {
            return;
        }
        try (r; Mat roi = img.apply(r); Mat work = roi.clone(); Mat mask = Draw.mask(r, rim)) {
            double dx = r.x(), dy = r.y();
            int inner = Draw.mix(c.rgb(), 0x202020, c.type().hasLid() ? 0.45 : 0.6);
            Draw.poly(work, shift(rim, dx, dy), Draw.bgr(inner, 0.5));
            double[][] level = box.level(c.fill());
            double[][] lvl = view.project(level);
            double[][] t = view.project(box.top);
            // inner back wall, lit from above, darker towards the waste
            Draw.poly(work, shift(new double[][] {t[3], t[2], lvl[2], lvl[3]}, dx, dy), Draw.bgr(inner, 0.85));
            Draw.poly(work, shift(new double[][] {Draw.lerp(t[3], lvl[3], 0.55), Draw.lerp(t[2], lvl[2], 0.55),
                    lvl[2], lvl[3]}, dx, dy), Draw.bgr(inner, 0.6));
            Draw.poly(work, shift(new double[][] {t[3], t[0], lvl[0], lvl[3]}, dx, dy), Draw.bgr(inner, 0.55));
            Draw.poly(work, shift(new double[][] {t[2], t[1], lvl[1], lvl[2]}, dx, dy), Draw.bgr(inner, 0.7));
            // rust streaks down the inner back wall
            for (int i = 0; i < 3; i++) {
                double u = rnd.nextDouble();
                Draw.line(work, shift(Draw.lerp(t[3], t[2], u), dx, dy),
                        shift(Draw.lerp(lvl[3], lvl[2], u), dx, dy), Draw.bgr(0x6a4a30, 0.6), 2);
            }
            double coverage = c.fill() < 0.02 ? 0.0 : Math.min(1, 0.35 + c.fill() * 4);
            int tw = view.texels(240), th = view.texels(170);
            try (Mat surface = waste.surface(rnd, tw, th, coverage, Draw.mix(inner, 0x3a3028, 0.5), snowy)) {
                Draw.warpInto(work, surface, shift(new double[][] {lvl[3], lvl[2], lvl[1], lvl[0]}, dx, dy));
            }
            if (coverage > 0.3) {
                bumps(work, view, box, rnd, dx, dy);
            }
            work.copyTo(roi, mask);
        }
    }

    /** A few bags lying on the waste surface, so it has depth instead of looking printed. */
    private static void bumps(Mat work, View view, ContainerBox box, SplittableRandom rnd, double dx, double dy) {
        double fill = box.spec.fill();
        int n = 4 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            double u = 0.1 + 0.8 * rnd.nextDouble(), v = 0.85 - 0.7 * i / (double) n;
            double[] p = box.onLevel(fill, u, v);
            p[1] += 0.08 * rnd.nextDouble();
            double radius = (0.17 + 0.07 * rnd.nextDouble()) * view.scaleAt(p[0], p[1], p[2]);
            WastePainter.bag(work, rnd, view.project(p[0], p[1], p[2]), radius, radius * 0.75, dx, dy);
        }
    }

    private static void face(Mat img, double[][] quad, Mat texture) {
        try (texture) {
            Draw.warpInto(img, texture, quad);
        }
    }

    private static void rimLip(Mat img, View view, ContainerBox box) {
        double[][] t = view.project(box.top);
        double px = view.scaleAt(box.cx, box.topY, box.cz);
        int thick = (int) Math.max(1, Math.round(0.035 * px));
        int colour = box.spec.rgb();
        Draw.line(img, t[3], t[2], Draw.bgr(colour, 0.75), thick);
        Draw.line(img, t[0], t[3], Draw.bgr(colour, 0.8), thick);
        Draw.line(img, t[1], t[2], Draw.bgr(colour, 0.8), thick);
        Draw.line(img, t[0], t[1], Draw.bgr(colour, 1.15), thick + 1);
    }

    /** Snow settles on the rim's flat edges, thicker at the back where nobody brushes it off. */
    private static void snowOnRim(Mat img, View view, ContainerBox box) {
        double[][] t = view.project(box.top);
        double px = view.scaleAt(box.cx, box.topY, box.cz);
        int thick = (int) Math.max(1, Math.round(0.045 * px));
        Draw.line(img, t[3], t[2], Draw.bgr(0xe6eaef), thick);
        Draw.line(img, t[0], t[3], Draw.bgr(0xdfe3e8), Math.max(1, thick - 1));
        Draw.line(img, t[1], t[2], Draw.bgr(0xdfe3e8), Math.max(1, thick - 1));
        Draw.line(img, Draw.lerp(t[0], t[1], 0.1), Draw.lerp(t[0], t[1], 0.6), Draw.bgr(0xeef1f4), Math.max(1, thick / 2));
    }

    private static void trunnions(Mat img, View view, ContainerBox box) {
        double y = box.topY * 0.72;
        for (int side = -1; side <= 1; side += 2) {
            double x = box.cx + side * (box.spec.type().width / 2 + box.spec.type().flare * 0.3 + 0.05);
            double[] p = view.project(x, y, box.cz - 0.05);
            double r = 0.06 * view.scaleAt(x, y, box.cz);
            Draw.poly(img, Draw.ellipse(p[0], p[1], r, r, 0, 12, 0, null), Draw.bgr(box.spec.rgb(), 0.5));
            Draw.poly(img, Draw.ellipse(p[0] - r * 0.2, p[1] - r * 0.2, r * 0.6, r * 0.6, 0, 10, 0, null),
                    Draw.bgr(box.spec.rgb(), 0.9));
        }
    }

    private static void wheels(Mat img, View view, ContainerBox box) {
        for (double[] b : new double[][] {box.bottom[0], box.bottom[1], box.bottom[3], box.bottom[2]}) {
            double x = b[0] + (b[0] < box.cx ? 0.1 : -0.1);
            double z = b[2] + (b[2] < box.cz ? 0.08 : -0.08);
            double[] p = view.project(x, ContainerBox.WHEEL / 2, z);
            double r = ContainerBox.WHEEL / 2 * view.scaleAt(x, 0, z);
            Draw.poly(img, Draw.ellipse(p[0], p[1], r * 0.6, r, 0, 12, 0, null), Draw.grey(25));
        }
    }

    /** The lid hinged on the back edge, turned up by angle degrees (0 = closed). */
    private void lid(Mat img, View view, ContainerBox box, double angle, SplittableRandom rnd) {
        if (angle < 0) {
            return;
        }
        double a = Math.toRadians(angle);
        double len = box.top[0][2] - box.top[3][2] - 0.06; // negative: towards the front
        double lift = 0.04;
        double[] hl = Draw.p(box.top[3][0] - 0.03, box.topY + lift, box.top[3][2]);
        double[] hr = Draw.p(box.top[2][0] + 0.03, box.topY + lift, box.top[2][2]);
        double dy = -len * Math.sin(a), dz = len * Math.cos(a);
        double[] fl = Draw.p(hl[0], hl[1] + dy, hl[2] + dz);
        double[] fr = Draw.p(hr[0], hr[1] + dy, hr[2] + dz);
        double[][] quad = angle > 90
                ? view.project(new double[][] {fl, fr, hr, hl})
                : view.project(new double[][] {hl, hr, fr, fl});
        boolean underside = angle > 90;
        face(img, quad, faces.lid(box.spec, rnd, underside ? 0.6 : 1.0, underside, view.detail));
        double px = view.scaleAt(box.cx, box.topY, box.cz);
        double[][] edge = underside ? new double[][] {quad[0], quad[1]} : new double[][] {quad[3], quad[2]};
        Draw.line(img, edge[0], edge[1], Draw.bgr(box.spec.rgb(), 0.45), (int) Math.max(2, 0.05 * px));
    }

    static double[][] shift(double[][] pts, double dx, double dy) {
        double[][] out = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            out[i] = shift(pts[i], dx, dy);
        }
        return out;
    }

    static double[] shift(double[] p, double dx, double dy) {
        return new double[] {p[0] - dx, p[1] - dy};
    }
}
