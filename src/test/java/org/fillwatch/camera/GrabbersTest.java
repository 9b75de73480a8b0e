package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class GrabbersTest {

    /** Repeated: the reason is read from native memory, and must end exactly where FFmpeg's text ends. */
    @RepeatedTest(20)
    void ffmpegErrorCodesAreExplainedInWords() {
        assertThat(Grabbers.explain("avformat_open_input() error -825242872: Could not open input \"rtsp://***@h/cam\". "
                + "(Has setFormat() been called?) (For more details, make sure FFmpegLogCallback.set() has been called.)"))
                .isEqualTo("Server returned 401 Unauthorized (authorization failed): avformat_open_input() error "
                        + "-825242872: Could not open input \"rtsp://***@h/cam\"");
        assertThat(Grabbers.explain("avformat_open_input() error -111: Could not open input \"x\"."))
                .isEqualTo("Connection refused: avformat_open_input() error -111: Could not open input \"x\".");
    }

    @Test
    void otherMessagesStayAsTheyAre() {
        assertThat(Grabbers.explain("stream ended")).isEqualTo("stream ended");
    }
}
