package org.fillwatch.pavilion;

import java.util.regex.Pattern;

/** Hides credentials in stream addresses before they reach a log line or an API answer. */
public final class StreamUrls {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final Pattern SECRET_QUERY =
            Pattern.compile("(?i)([?&](?:password|passwd|pwd|pass|token|auth|key)=)[^&\\s]*");

    private StreamUrls() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("***@");
        return SECRET_QUERY.matcher(masked).replaceAll("$1***");
    }
}
