package org.fillwatch.vision.training;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fillwatch.pavilion.ContainerSpec.Point;

/**
 * One training example before cropping: an image (a whole photo, or the region around one
 * rendered container), the container polygon in it, and the labels that are known. Unknown
 * labels carry a zero mask so their loss is left out.
 *
 * @param name    where it came from (file name or scene/container), for the metadata
 * @param targets fill 0..1, state index, waste-around 0/1, present 0/1, overflowing 0/1
 * @param mask    1 where the matching target is known
 * @param photo   the whole image is the container's picture (a real photo), not a cut from a frame
 */
record Sample(String name, Mat image, List<Point> polygon, float[] targets, float[] mask, boolean photo) {

    static final int FILL = 0;
    static final int STATE = 1;
    static final int WASTE = 2;
    static final int PRESENT = 3;
    /**
     * Whether the state is overflowing, for pictures where the exact state is unknown but this
     * much is: a clean street photo is not overflowing, bags on a closed lid are. Where the state
     * itself is known this stays masked (the state loss already says it).
     */
    static final int OVERFLOWING = 4;
    static final int LABELS = 5;

    boolean known(int label) {
        return mask[label] > 0;
    }
}
