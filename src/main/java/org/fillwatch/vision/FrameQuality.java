package org.fillwatch.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether a frame can be judged at all: a nearly black frame (camera covered, night
 * without infrared) or a blurred one (fogged or dirty lens, out of focus) gives no reliable
 * reading. Sharpness is the variance of the Laplacian of the grey frame shrunk to 640 px wide,
 * so the threshold does not depend on the camera's resolution.
 */
@Component
class FrameQuality {

    static final int WORK_WIDTH = 640;

    private final double minBrightness;
    private final double minSharpness;

    FrameQuality(@Value("${fillwatch.vision.min-brightness:20}") double minBrightness,
                 @Value("${fillwatch.vision.min-sharpness:20}") double minSharpness) {
        this.minBrightness = minBrightness;
        this.minSharpness = minSharpness;
    }

    /** Mean grey level 0..255 and Laplacian variance of a BGR frame. */
    record Measure(double brightness, double sharpness) {
    }

    boolean usable(Mat frame) {
        Measure m = measure(frame);
        return m.brightness() >= minBrightness && m.sharpness() >= minSharpness;
    }

    static Measure measure(Mat frame) {
        try (Mat shrunk = new Mat(); Mat small = new Mat(); Mat laplacian = new Mat();
             Mat mean = new Mat(); Mat deviation = new Mat()) {
            // shrunk before the colour conversion: a quarter of the pixels to convert at 1280 px
            Mat bgr = frame;
            if (frame.cols() > WORK_WIDTH) {
                Shrink.to(frame, shrunk, WORK_WIDTH, Shrink.heightAt(frame, WORK_WIDTH));
                bgr = shrunk;
            }
            opencv_imgproc.cvtColor(bgr, small, COLOR_BGR2GRAY);
            // 16-bit holds the 3x3 Laplacian of 8-bit grey exactly (|value| <= 1020) at a fifth of the 64-bit cost
            opencv_imgproc.Laplacian(small, laplacian, CV_16S);
            opencv_core.meanStdDev(laplacian, mean, deviation);
            double sd = deviation.ptr().getDouble();
            double brightness;
            try (Mat greyMean = new Mat(); Mat greyDev = new Mat()) {
                opencv_core.meanStdDev(small, greyMean, greyDev);
                brightness = greyMean.ptr().getDouble();
            }
            return new Measure(brightness, sd * sd);
        }
    }
}
