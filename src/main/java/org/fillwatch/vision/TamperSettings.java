package org.fillwatch.vision;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code fillwatch.vision.tamper.*}: when a camera's picture counts as tampered with.
 *
 * @param minBrightness     mean grey level (0..255) below which the picture is black
 * @param blurRatio         sharpness below this share of the reference's is blurred
 * @param minSimilarity     edge-map correlation with the reference below which the view moved (turned)
 * @param maxShift          picture shift against the reference, in pixels of the 160 px wide
 *                          picture, above which the view moved (3 = about 2 % of the width)
 * @param refreshSimilarity a usable frame at least this close replaces the reference
 * @param frozenDifference  mean grey difference to the previous sample below which it is the same picture
 * @param frozenSamples     that many samples in a row showing the same picture are frozen (live streams only)
 * @param consecutive       tampered samples in a row before it is reported, good ones before it is over
 * @param movedSamples      moved samples in a row before a moved view is reported: more than for the
 *                          other causes, because the carrier's truck in front of the camera during a
 *                          pickup looks like a moved view while it stands there
 */
@Component
record TamperSettings(@Value("${fillwatch.vision.tamper.min-brightness:15}") double minBrightness,
                      @Value("${fillwatch.vision.tamper.blur-ratio:0.3}") double blurRatio,
                      @Value("${fillwatch.vision.tamper.min-similarity:0.55}") double minSimilarity,
                      @Value("${fillwatch.vision.tamper.max-shift:3}") double maxShift,
                      @Value("${fillwatch.vision.tamper.refresh-similarity:0.8}") double refreshSimilarity,
                      @Value("${fillwatch.vision.tamper.frozen-difference:0.05}") double frozenDifference,
                      @Value("${fillwatch.vision.tamper.frozen-samples:10}") int frozenSamples,
                      @Value("${fillwatch.vision.tamper.consecutive:3}") int consecutive,
                      @Value("${fillwatch.vision.tamper.moved-samples:10}") int movedSamples) {

    /** The defaults of the keys above, for code that runs without Spring. */
    static TamperSettings defaults() {
        return new TamperSettings(15, 0.3, 0.55, 3, 0.8, 0.05, 10, 3, 10);
    }
}
