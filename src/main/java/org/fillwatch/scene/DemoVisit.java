package org.fillwatch.scene;

/**
 * Someone or something passing in front of the row during a clip: it comes in from xEnter, stops
 * at xStop for the middle half of its visit [from, to), and leaves towards xLeave.
 */
record DemoVisit(SceneSpec.OccluderType type, double from, double to, double xEnter, double xStop,
                 double xLeave, double z, int rgb, long seed) {

    boolean at(double t) {
        return t >= from && t < to;
    }

    SceneSpec.Occluder occluder(double t) {
        double quarter = (to - from) / 4;
        double x;
        if (t < from + quarter) {
            x = xEnter + (xStop - xEnter) * (t - from) / quarter;
        } else if (t < to - quarter) {
            x = xStop;
        } else {
            x = xStop + (xLeave - xStop) * (t - (to - quarter)) / quarter;
        }
        return new SceneSpec.Occluder(type, x, z, rgb, seed);
    }
}
