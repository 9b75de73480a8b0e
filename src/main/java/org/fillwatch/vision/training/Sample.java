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
 * @param targets fill 0..1, state index, waste-around 0/1, present 0/1
 * @param mask    1 where the matching target is known
 */
record Sample(String name, Mat image, List<Point> polygon, float[] targets, float[] mask) {

    static final int FILL = 0;
    static final int STATE = 1;
    static final int WASTE = 2;
    static final int PRESENT = 3;
    static final int LABELS = 4;

    boolean known(int label) {
        return mask[label] > 0;
    }
}
