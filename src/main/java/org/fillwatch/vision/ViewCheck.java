package org.fillwatch.vision;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The tamper verdict of one camera's frames, in sampling order. The reference picture is the first
 * usable frame and is replaced by every later usable one that still matches it well, so it follows
 * the light of the day and the seasons but not a camera that was turned away.
 */
final class ViewCheck implements AutoCloseable {

    enum Verdict { GOOD, BLACK, BLURRED, FROZEN, MOVED }

    private final TamperSettings settings;
    private final boolean frozenApplies;
    private ViewSignature reference;
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
            Verdict verdict = verdict(now, usable);
            if (verdict == Verdict.GOOD && usable && (reference == null
                    || now.similarity(reference) >= settings.refreshSimilarity())) {
                ViewSignature old = reference;
                reference = now;
                now = old;
            }
            return verdict;
        } finally {
            if (now != null) {
                now.close();
            }
        }
    }

    private Verdict verdict(ViewSignature now, boolean usable) {
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
        boolean moved = now.similarity(reference) < settings.minSimilarity() || now.shift(reference) > settings.maxShift();
        return moved ? Verdict.MOVED : Verdict.GOOD;
    }

    @Override
    public synchronized void close() {
        if (previousGrey != null) {
            previousGrey.close();
        }
        if (reference != null) {
            reference.close();
        }
    }
}
