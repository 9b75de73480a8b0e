package org.fillwatch.pavilion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamUrlsTest {

    @Test
    void masksUserInfo() {
        assertThat(StreamUrls.mask("rtsp://admin:pa55@10.0.0.7:554/Streaming/101"))
                .isEqualTo("rtsp://***@10.0.0.7:554/Streaming/101");
        assertThat(StreamUrls.mask("http://viewer@cam.local/video")).isEqualTo("http://***@cam.local/video");
    }

    @Test
    void masksSecretsInTheQuery() {
        assertThat(StreamUrls.mask("http://cam.local/snap.jpg?user=a&password=hunter2&res=hd"))
                .isEqualTo("http://cam.local/snap.jpg?user=a&password=***&res=hd");
        assertThat(StreamUrls.mask("http://cam.local/x?TOKEN=abc")).isEqualTo("http://cam.local/x?TOKEN=***");
    }

    @Test
    void masksUrlsInsideLongerText() {
        String masked = StreamUrls.mask("Connection to rtsp://u:secret@127.0.0.1:8554/cam failed: refused");
        assertThat(masked).isEqualTo("Connection to rtsp://***@127.0.0.1:8554/cam failed: refused");
    }

    @Test
    void leavesPlainTextAndPathsAlone() {
        assertThat(StreamUrls.mask("/srv/clips/ptr-001.avi")).isEqualTo("/srv/clips/ptr-001.avi");
        assertThat(StreamUrls.mask("user@example.org wrote")).isEqualTo("user@example.org wrote");
        assertThat(StreamUrls.mask(null)).isNull();
    }
}
