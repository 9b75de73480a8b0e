package org.fillwatch.scene;

import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/** Graffiti, dirt at the foot and snow banks on a fence texture. */
final class FenceDetails {

    private static final int[] SPRAY = {0x202020, 0xe8e8e8, 0xb02020, 0x2050c0, 0x20a040, 0xd0a000};

    private FenceDetails() {
    }

    static void weather(Mat tex, SplittableRandom rnd, double pxPerM, boolean snowy) {
        int h = tex.rows(), w = tex.cols();
        for (int tag = 0; tag < 2 + rnd.nextInt(4); tag++) {
            double x = rnd.nextDouble() * w, y = h * (0.3 + 0.4 * rnd.nextDouble());
            int colour = SPRAY[rnd.nextInt(SPRAY.length)];
            for (int s = 0; s < 6 + rnd.nextInt(8); s++) {
                double nx = x + (rnd.nextDouble() - 0.3) * 0.25 * pxPerM;
                double ny = y + (rnd.nextDouble() - 0.5) * 0.3 * pxPerM;
                Draw.line(tex, new double[] {x, y}, new double[] {nx, ny}, Draw.bgr(colour), 2 + rnd.nextInt(3));
                x = nx;
                y = Math.max(0, Math.min(h, ny));
            }
        }
        // splashed dirt along the foot of the fence
        double foot = 0.25 * pxPerM;
        Draw.blend(tex, new double[][] {{0, h - foot}, {w, h - foot}, {w, h}, {0, h}}, Draw.bgr(0x4a4036), 0.35);
        if (snowy) {
            double[][] bank = new double[42][];
            for (int i = 0; i <= 40; i++) {
                bank[i] = new double[] {w * i / 40.0, h - (0.1 + 0.25 * rnd.nextDouble()) * pxPerM};
            }
            bank[41] = new double[] {0, h};
            double[][] closed = java.util.Arrays.copyOf(bank, 43);
            closed[41] = new double[] {w, h};
            closed[42] = new double[] {0, h};
            Draw.poly(tex, closed, Draw.bgr(0xdde2e8));
        }
    }
}
