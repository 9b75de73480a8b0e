package org.fillwatch.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The browser pages' settings ({@code fillwatch.web.*}).
 *
 * @param tileUrl         Leaflet tile URL template such as {@code https://tiles.example.org/{z}/{x}/{y}.png};
 *                        empty (the default) draws the map without tiles, nothing is fetched from outside
 * @param tileAttribution shown in the map corner when tiles are used
 */
@ConfigurationProperties("fillwatch.web")
record WebProperties(String tileUrl, String tileAttribution) {

    WebProperties {
        tileUrl = tileUrl == null ? "" : tileUrl.strip();
        tileAttribution = tileAttribution == null ? "" : tileAttribution.strip();
        if (!tileUrl.isEmpty() && tileOrigin(tileUrl) == null) {
            throw new IllegalArgumentException("fillwatch.web.tile-url: must be an http(s) URL template such as "
                    + "https://tiles.example.org/{z}/{x}/{y}.png, got '" + tileUrl + "'");
        }
    }

    /** The origin the content security policy must allow images from; null without tiles. */
    String tileOrigin() {
        return tileUrl.isEmpty() ? null : tileOrigin(tileUrl);
    }

    private static String tileOrigin(String template) {
        try {
            // {s}, {z}, ... are not valid URI characters; only scheme, host and port matter here
            URI uri = URI.create(template.replaceAll("\\{[a-z]+}", "x"));
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            String host = template.contains("{s}.") ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
                    : uri.getHost();
            return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
