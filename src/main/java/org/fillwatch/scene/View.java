package org.fillwatch.scene;

/**
 * Pinhole projection of world points (metres) into the undistorted image (pixels) for a camera at
 * (x, height, 0) looking along +Z and tilted down. Barrel distortion is applied later to the whole
 * frame, and to the truth polygons by {@link Distortion}.
 */
final class View {

    final int width;
    final int height;
    /** Texture resolution relative to a 1280-pixel-wide frame: small frames need less detail. */
    final double detail;
    final double focal;
    final double camX;
    final double camH;
    private final double sin;
    private final double cos;
    private final double cx;
    private final double cy;

    View(SceneSpec.Camera camera, int width, int height) {
        this.width = width;
        this.height = height;
        this.detail = Math.max(0.3, Math.min(1.5, width / 1280.0));
        this.focal = (width / 2.0) / Math.tan(Math.toRadians(camera.hfovDeg()) / 2);
        this.camX = camera.x();
        this.camH = camera.heightM();
        this.sin = Math.sin(Math.toRadians(camera.tiltDeg()));
        this.cos = Math.cos(Math.toRadians(camera.tiltDeg()));
        this.cx = width / 2.0;
        this.cy = height / 2.0;
    }

    /** A texture side of `size` pixels at 1280 px frame width, scaled to this frame. */
    int texels(int size) {
        return Math.max(16, (int) Math.round(size * detail));
    }

    /** Distance of the point along the optical axis; below about 0.1 it cannot be projected. */
    double depth(double x, double y, double z) {
        return -(y - camH) * sin + z * cos;
    }

    double[] project(double x, double y, double z) {
        double xc = x - camX;
        double yc = (y - camH) * cos + z * sin;
        double zc = Math.max(0.05, depth(x, y, z));
        return new double[] {cx + focal * xc / zc, cy - focal * yc / zc};
    }

    /** Projects points given as {x, y, z} triples. */
    double[][] project(double[][] world) {
        double[][] out = new double[world.length][];
        for (int i = 0; i < world.length; i++) {
            out[i] = project(world[i][0], world[i][1], world[i][2]);
        }
        return out;
    }

    /** Pixels per metre for an object standing at ground distance z (for sizing drawn details). */
    double scaleAt(double x, double y, double z) {
        return focal / Math.max(0.05, depth(x, y, z));
    }

    /** Ground distance seen at image row v (for v below the horizon), used to bound textured planes. */
    double groundZAtRow(double v) {
        double angle = Math.atan((v - cy) / focal) + Math.asin(sin);
        if (angle <= Math.toRadians(1)) {
            return Double.POSITIVE_INFINITY;
        }
        return camH / Math.tan(angle);
    }

    /** Half the visible width of the world at ground distance z, in metres. */
    double halfWidthAt(double z) {
        return (cx / focal) * Math.max(0.5, depth(camX, 0, z));
    }
}
