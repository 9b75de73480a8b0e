package org.fillwatch.camera;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.fillwatch.pavilion.StreamUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's own log lines into SLF4J, masked: left alone FFmpeg writes to stderr, where a
 * message quoting a stream URL would bypass the credential masking.
 */
final class MaskedFFmpegLog extends LogCallback {

    private static final Logger log = LoggerFactory.getLogger("org.fillwatch.camera.ffmpeg");
    /** Held for the life of the process: native code calls it, the GC must not collect it. */
    private static final MaskedFFmpegLog INSTANCE = new MaskedFFmpegLog();
    private static volatile boolean installed;

    private MaskedFFmpegLog() {
    }

    static synchronized void install() {
        if (!installed) {
            avutil.av_log_set_level(avutil.AV_LOG_WARNING);
            avutil.setLogCallback(INSTANCE);
            installed = true;
        }
    }

    @Override
    public void call(int level, BytePointer msg) {
        // camera failures are logged once per state change by the sampler; FFmpeg's detail is for debugging
        if (log.isDebugEnabled()) {
            log.debug("ffmpeg[{}]: {}", level, StreamUrls.mask(msg.getString().strip()));
        }
    }
}
