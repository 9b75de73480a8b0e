package org.fillwatch.vision;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The tamper verdict of one camera's frames, in sampling order. The reference picture is the first
 * usable frame and is replaced by every later usable one that still matches it well, so it follows
 * the light of the day and the seasons but not a camera that was turned away. Colour and
 * black-and-white (infrared night) pictures have a reference each: the switch to infrared changes
 * the picture at once, not gradually.
 */
final class ViewCheck implements AutoCloseable {

    enum Verdict { GOOD, BLACK, BLURRED, FROZEN, MOVED }

    private final TamperSettings settings;
    private final boolean frozenApplies;
    /** Colour picture's reference at 0, black-and-white picture's at 1. */
    private final ViewReference[] references = new ViewReference[2];
    private Mat previousGrey;
    private int unchanged;

    /** @param frozenApplies false for looped files, whose pictures may legitimately stand still */
    ViewCheck(TamperSettings settings, boolean frozenApplies) {
        this.settings = settings;
        this.frozenApplies = frozenApplies;
    }

    /** @param usable what {@link FrameQuality} says of the frame */
    synchronized Verdict check(Mat frame, boolean usable) {
        ViewSignature now = new ViewSignature(frame);
        try {
            boolean same = previousGrey != null && now.difference(previousGrey) < settings.frozenDifference();
            unchanged = same ? unchanged + 1 : 0;
            if (previousGrey != null) {
                previousGrey.close();
            }
            previousGrey = now.grey.clone();
            int mode = now.mono ? 1 : 0;
            ViewReference reference = references[mode];
            // computed once: it judges the view and decides whether the reference follows it
            double similarity = reference == null ? Double.NaN : now.similarity(reference);
            Verdict verdict = verdict(now, usable, reference, similarity);
            if (verdict == Verdict.GOOD && usable && (reference == null || similarity >= settings.refreshSimilarity())) {
                references[mode] = new ViewReference(now);
                if (reference != null) {
                    reference.close();
                }
            }
            return verdict;
        } finally {
            now.close();
        }
    }

    private Verdict verdict(ViewSignature now, boolean usable, ViewReference reference, double similarity) {
        if (now.brightness < settings.minBrightness()) {
            return Verdict.BLACK;
        }
        // the samples in a row showing the same picture, this one included
        if (frozenApplies && unchanged + 1 >= settings.frozenSamples()) {
            return Verdict.FROZEN;
        }
        if (reference == null) {
            return usable ? Verdict.GOOD : Verdict.BLURRED;
        }
        if (now.sharpness < settings.blurRatio() * reference.sharpness) {
            return Verdict.BLURRED;
        }
        boolean moved = similarity < settings.minSimilarity() || now.shift(reference) > settings.maxShift();
        return moved ? Verdict.MOVED : Verdict.GOOD;
    }

    @Override
    public synchronized void close() {
        if (previousGrey != null) {
            previousGrey.close();
        }
        for (ViewReference reference : references) {
            if (reference != null) {
                reference.close();
            }
        }
    }
}
