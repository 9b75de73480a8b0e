package org.fillwatch.pavilion;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code camera:} section of a pavilion file: URL kind, sampling mode, interval and input format. */
final class CameraSection {

    private static final Set<String> CAMERA_KEYS = Set.of("url", "mode", "interval", "format");

    private CameraSection() {
    }

    /** The camera, or null when the section is missing or unusable (the problems are in {@code sink}). */
    static CameraSpec read(YamlFields top, ProblemSink sink, Path yamlFolder) {
        Node node = top.get("camera", true);
        YamlFields camera = node == null ? null : YamlFields.of(sink, node, "camera", CAMERA_KEYS);
        if (camera == null) {
            return null;
        }
        String url = camera.text("url", true);
        String scheme = url == null ? null : CameraUrls.scheme(url);
        if (scheme != null && !CameraUrls.isHttp(scheme) && !CameraUrls.isRtsp(scheme)) {
            sink.add(camera.get("url", false), "camera.url", "unsupported scheme '" + scheme + "' (use a file path, http(s):// or rtsp://)");
        } else if (url != null && scheme == null) {
            url = CameraUrls.resolveFile(url, yamlFolder);
        }
        SamplingMode mode = mode(camera, sink, url, scheme);
        Duration interval = CameraSpec.DEFAULT_INTERVAL;
        String intervalText = camera.text("interval", false);
        if (intervalText != null) {
            try {
                interval = Intervals.parse(intervalText);
            } catch (IllegalArgumentException e) {
                sink.add(camera.get("interval", false), "camera.interval", e.getMessage());
            }
        }
        String format = camera.text("format", false);
        if (format != null && mode == SamplingMode.SNAPSHOT) {
            sink.add(camera.get("format", false), "camera.format", "does not apply to mode snapshot");
        }
        if (format == null && CameraUrls.isHttp(scheme) && mode != SamplingMode.SNAPSHOT) {
            format = "mpjpeg";
        }
        return new CameraSpec(url, mode, interval, format);
    }

    private static SamplingMode mode(YamlFields camera, ProblemSink sink, String url, String scheme) {
        String text = camera.text("mode", false);
        if (text == null) {
            return scheme == null ? SamplingMode.CONTINUOUS : SamplingMode.BURST;
        }
        SamplingMode mode;
        try {
            mode = SamplingMode.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            sink.add(camera.get("mode", false), "camera.mode", "expected snapshot, burst or continuous, got '" + text + "'");
            return null;
        }
        if (mode == SamplingMode.SNAPSHOT && url != null && !CameraUrls.isHttp(scheme)) {
            sink.add(camera.get("mode", false), "camera.mode", "snapshot needs an http(s):// URL");
        }
        return mode;
    }
}
