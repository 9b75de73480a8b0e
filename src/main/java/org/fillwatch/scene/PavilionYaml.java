package org.fillwatch.scene;

import java.util.List;
import java.util.Locale;

/**
 * Writes a pavilion's camera configuration in the schema of docs/configuration.md, with container
 * polygons taken from the renderer's ground truth, padded a little outward.
 */
final class PavilionYaml {

    static final double PAD_SIDE = 0.012;
    static final double PAD_TOP = 0.02;
    static final double PAD_BOTTOM = 0.01;

    private PavilionYaml() {
    }

    static String write(DemoPavilion p, String clipUrl, List<ContainerTruth> truths) {
        StringBuilder y = new StringBuilder();
        y.append("# Demo pavilion written by `render-demo` (org.fillwatch.scene): the clip is rendered,\n")
                .append("# the polygons are the renderer's ground-truth outlines padded outward.\n");
        y.append("id: ").append(p.id()).append('\n');
        y.append("name: ").append(quote(p.name())).append('\n');
        y.append("address: ").append(quote(p.address())).append('\n');
        y.append("district: ").append(quote(p.district())).append('\n');
        y.append("location:\n");
        y.append(String.format(Locale.ROOT, "  latitude: %.4f%n  longitude: %.4f%n", p.latitude(), p.longitude()));
        y.append("carrier: ").append(p.carrier()).append('\n');
        y.append("camera:\n");
        y.append("  url: ").append(clipUrl).append('\n');
        y.append("  mode: continuous\n");
        y.append("  interval: 3s\n");
        y.append("containers:\n");
        for (int i = 0; i < truths.size(); i++) {
            ContainerTruth t = truths.get(i);
            y.append("  - id: ").append(t.id()).append('\n');
            y.append("    type: ").append(quote(p.base().containers().get(i).type().label())).append('\n');
            y.append("    polygon:\n");
            for (double[] corner : padded(t.polygon())) {
                y.append(String.format(Locale.ROOT, "      - [%.3f, %.3f]%n", corner[0], corner[1]));
            }
            y.append("    thresholds:\n      full: 80\n      emptied: 30\n      consecutive: 3\n");
        }
        return y.toString();
    }

    /** Moves each corner of a clockwise quad (TL, TR, BR, BL) outward, staying within 0..1. */
    static double[][] padded(List<double[]> quad) {
        double[][] sx = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        double[][] out = new double[quad.size()][];
        for (int i = 0; i < quad.size(); i++) {
            double[] c = quad.get(i);
            double dy = sx[i % 4][1] < 0 ? -PAD_TOP : PAD_BOTTOM;
            out[i] = new double[] {clamp(c[0] + sx[i % 4][0] * PAD_SIDE), clamp(c[1] + dy)};
        }
        return out;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
