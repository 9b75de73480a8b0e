package org.fillwatch.camera;

import java.time.Instant;
import java.util.function.Consumer;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.StreamUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The changing status of one camera; logs when it goes online or offline, not on every failure. */
final class CameraState {

    private static final Logger log = LoggerFactory.getLogger(CameraState.class);

    private final String pavilionId;
    private final String maskedUrl;
    private State state;
    private Instant offlineSince;
    private Instant lastFrameAt;
    private long framesSampled;
    private int consecutiveFailures;
    private long failures;
    private long skipped;
    private String lastError;
    /** Receives CameraWentOffline / CameraCameBack; called outside the lock. */
    private final Consumer<Object> transitions;

    CameraState(String pavilionId, String maskedUrl, State initial) {
        this(pavilionId, maskedUrl, initial, event -> { });
    }

    CameraState(String pavilionId, String maskedUrl, State initial, Consumer<Object> transitions) {
        this.pavilionId = pavilionId;
        this.maskedUrl = maskedUrl;
        this.state = initial;
        this.transitions = transitions;
    }

    void frame(Instant at) {
        CameraCameBack back = null;
        synchronized (this) {
            if (state != State.ONLINE) {
                log.info("Camera {} ({}) is ONLINE{}", pavilionId, maskedUrl,
                        offlineSince == null ? "" : " again after " + consecutiveFailures + " failed attempt(s)");
                back = new CameraCameBack(pavilionId, at, offlineSince);
            }
            state = State.ONLINE;
            offlineSince = null;
            lastFrameAt = at;
            framesSampled++;
            consecutiveFailures = 0;
        }
        if (back != null) {
            transitions.accept(back);
        }
    }

    /** Records a failure; returns how many failures in a row there have been now. */
    int failure(Instant at, Throwable error, java.time.Duration retryIn) {
        CameraWentOffline offline = null;
        int inARow;
        synchronized (this) {
            lastError = describe(error);
            failures++;
            inARow = ++consecutiveFailures;
            if (state != State.OFFLINE) {
                log.warn("Camera {} ({}) is OFFLINE: {}; retrying in {} ms with growing waits", pavilionId, maskedUrl,
                        lastError, retryIn.toMillis());
                state = State.OFFLINE;
                offlineSince = at;
                offline = new CameraWentOffline(pavilionId, at, lastError);
            } else {
                log.debug("Camera {} still offline ({} failures in a row): {}", pavilionId, consecutiveFailures,
                        lastError);
            }
        }
        if (offline != null) {
            transitions.accept(offline);
        }
        return inARow;
    }

    /** The camera's URL cannot be used at all (e.g. a malformed snapshot URL); it is never sampled. */
    void unusable(Instant at, Throwable error) {
        String reason;
        synchronized (this) {
            lastError = reason = describe(error);
            state = State.OFFLINE;
            offlineSince = at;
        }
        log.warn("Camera {} ({}) cannot be sampled: {}", pavilionId, maskedUrl, reason);
        transitions.accept(new CameraWentOffline(pavilionId, at, reason));
    }

    synchronized void skipped() {
        skipped++;
    }

    synchronized long skippedCount() {
        return skipped;
    }

    synchronized long failureCount() {
        return failures;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    synchronized CameraStatus snapshot() {
        return new CameraStatus(pavilionId, state, offlineSince, lastFrameAt, framesSampled, consecutiveFailures,
                lastError);
    }

    /** Exception messages of FFmpeg and HttpClient quote the URL, credentials included: mask them. */
    static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage();
        return StreamUrls.mask(error.getClass().getSimpleName() + message);
    }
}
