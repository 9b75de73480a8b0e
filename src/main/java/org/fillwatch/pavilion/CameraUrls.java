package org.fillwatch.pavilion;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What kind of source a configured camera URL is, and how relative file paths are resolved. */
final class CameraUrls {

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");

    private CameraUrls() {
    }

    /** The lower-case scheme, or null for a plain file path. */
    static String scheme(String url) {
        Matcher m = SCHEME.matcher(url);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    static boolean isHttp(String scheme) {
        return "http".equals(scheme) || "https".equals(scheme);
    }

    static boolean isRtsp(String scheme) {
        return "rtsp".equals(scheme) || "rtsps".equals(scheme);
    }

    /** A plain path relative to the YAML file's folder becomes absolute, so the camera module need not know where it came from. */
    static String resolveFile(String url, Path yamlFolder) {
        Path path = Path.of(url);
        return (path.isAbsolute() ? path : yamlFolder.resolve(path)).toAbsolutePath().normalize().toString();
    }
}
