package org.fillwatch.vision;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One container crop on its way into the model.
 *
 * @param crop         rectified BGR crop of the model's input size, owned by the caller
 * @param frameUsable  false when the whole frame was too dark or blurred to judge
 */
record CropInput(String containerId, Mat crop, boolean frameUsable) {
}
