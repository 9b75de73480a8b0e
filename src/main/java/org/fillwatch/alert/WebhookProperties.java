package org.fillwatch.alert;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fillwatch.webhooks.*}: optional per-carrier webhooks, in addition to MQTT.
 *
 * @param carriers {@code carriers.{carrier}.url} (HTTPS; plain HTTP only to loopback) and
 *                 {@code carriers.{carrier}.secret} (HMAC-SHA256 key of the signature header)
 * @param attempts tries per delivery before it is left to the outbox's resubmission
 * @param backoff  wait before the second try, doubled before each further one
 */
@ConfigurationProperties("fillwatch.webhooks")
record WebhookProperties(Map<String, Hook> carriers,
                         @DefaultValue("10s") Duration timeout,
                         @DefaultValue("3") int attempts,
                         @DefaultValue("1s") Duration backoff) {

    record Hook(URI url, String secret) {
    }

    WebhookProperties {
        carriers = carriers == null ? Map.of() : Map.copyOf(carriers);
        carriers.forEach(WebhookProperties::check);
    }

    private static void check(String carrier, Hook hook) {
        String key = "fillwatch.webhooks.carriers." + carrier;
        if (hook.url() == null) {
            throw new IllegalArgumentException(key + ".url: missing");
        }
        String scheme = String.valueOf(hook.url().getScheme());
        boolean loopback = "127.0.0.1".equals(hook.url().getHost()) || "localhost".equals(hook.url().getHost());
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException(key + ".url: must be https:// (plain http only to loopback): "
                    + hook.url());
        }
        if (hook.secret() == null || hook.secret().length() < 16) {
            throw new IllegalArgumentException(key + ".secret: missing or shorter than 16 characters");
        }
    }
}
