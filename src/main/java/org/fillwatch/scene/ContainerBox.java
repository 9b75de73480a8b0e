package org.fillwatch.scene;

/**
 * World geometry of one container: the body as a box that flares towards the top, its corners
 * indexed 0 front-left, 1 front-right, 2 back-right, 3 back-left ("front" faces the camera).
 */
final class ContainerBox {

    /** Wheels lift plastic containers' bodies off the ground. */
    static final double WHEEL = 0.13;

    final SceneSpec.Container spec;
    final double cx;
    final double cz;
    final double bottomY;
    final double topY;
    final double[][] bottom = new double[4][];
    final double[][] top = new double[4][];

    ContainerBox(SceneSpec.Container c, double rowZ) {
        this.spec = c;
        SceneSpec.ContainerType t = c.type();
        this.cx = c.x();
        this.cz = rowZ + c.z();
        this.bottomY = t.hasLid() ? WHEEL : 0.02;
        this.topY = t.height;
        double w = t.width / 2, d = t.depth / 2;
        double wt = w + t.flare * 0.4, dt = d + t.flare;
        bottom[0] = Draw.p(cx - w, bottomY, cz - d);
        bottom[1] = Draw.p(cx + w, bottomY, cz - d);
        bottom[2] = Draw.p(cx + w, bottomY, cz + d);
        bottom[3] = Draw.p(cx - w, bottomY, cz + d);
        top[0] = Draw.p(cx - wt, topY, cz - dt);
        top[1] = Draw.p(cx + wt, topY, cz - dt);
        top[2] = Draw.p(cx + wt, topY, cz + dt);
        top[3] = Draw.p(cx - wt, topY, cz + dt);
    }

    /** The corners of the waste surface (or the floor) inside the body at fill level 0..1. */
    double[][] level(double fill) {
        double inset = 0.04;
        double[][] out = new double[4][];
        for (int i = 0; i < 4; i++) {
            double[] p = Draw.lerp(bottom[i], top[i], 0.04 + 0.96 * fill);
            double sx = i == 0 || i == 3 ? inset : -inset;
            double sz = i < 2 ? inset : -inset;
            out[i] = Draw.p(p[0] + sx, p[1], p[2] + sz);
        }
        return out;
    }

    /** A point on the top opening: u across 0..1 (left to right), v 0..1 (front to back), at height y. */
    double[] onTop(double u, double v, double y) {
        double[] front = Draw.lerp(top[0], top[1], u);
        double[] back = Draw.lerp(top[3], top[2], u);
        double[] p = Draw.lerp(front, back, v);
        p[1] = y;
        return p;
    }

    /** A point on the waste surface at fill level, u and v as in {@link #onTop}. */
    double[] onLevel(double fill, double u, double v) {
        double[][] l = level(fill);
        return Draw.lerp(Draw.lerp(l[0], l[1], u), Draw.lerp(l[3], l[2], u), v);
    }

    double[][] front() {
        return new double[][] {top[0], top[1], bottom[1], bottom[0]};
    }

    double[][] leftSide() {
        return new double[][] {top[3], top[0], bottom[0], bottom[3]};
    }

    double[][] rightSide() {
        return new double[][] {top[1], top[2], bottom[2], bottom[1]};
    }

    /** The top opening as texture-ordered quad: back-left, back-right, front-right, front-left. */
    double[][] rim() {
        return new double[][] {top[3], top[2], top[1], top[0]};
    }

    /**
     * The visible outline in undistorted pixels, clockwise from top-left: back rim corners on top,
     * front bottom corners below, pushed out sideways to cover the flared front and the side faces.
     */
    double[][] outline(View view) {
        double[][] t = view.project(top);
        double[][] b = view.project(bottom);
        double left = Math.min(Math.min(t[0][0], t[3][0]), Math.min(b[0][0], b[3][0]));
        double right = Math.max(Math.max(t[1][0], t[2][0]), Math.max(b[1][0], b[2][0]));
        double groundY = view.project(cx, 0, bottom[0][2])[1];
        double topY = Math.min(t[2][1], t[3][1]);
        return new double[][] {{left, topY}, {right, topY}, {right, groundY}, {left, groundY}};
    }
}
