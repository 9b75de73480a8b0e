package org.fillwatch.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo run's passwords and token, published in the README. A production run (profile
 * {@code prod} or {@code fillwatch.security.production=true}) refuses to start while any configured
 * user still accepts one of them, whatever its hash looks like (a demo password hashed again with a
 * new salt is still the demo password), or while the demo token is configured.
 */
final class DemoCredentials {

    /** Demo user name to demo password, as listed in the README. */
    static final Map<String, String> PASSWORDS = Map.of(
            "operator", "operator-demo",
            "admin", "admin-demo",
            "carrier-a", "carrier-a-demo",
            "carrier-b", "carrier-b-demo");

    static final String TOKEN = "demo-token-carrier-a";

    private DemoCredentials() {
    }

    /** Keys of the configured users and tokens that still use demo credentials; empty when none. */
    static List<String> stillConfigured(SecurityProperties properties, PasswordEncoder encoder) {
        List<String> found = new ArrayList<>();
        String demoTokenHash = BearerTokens.sha256Hex(TOKEN);
        for (int i = 0; i < properties.users().size(); i++) {
            String hash = properties.users().get(i).password();
            if (PASSWORDS.values().stream().anyMatch(demo -> encoder.matches(demo, hash))) {
                found.add("fillwatch.security.users[" + i + "].password (" + properties.users().get(i).name() + ")");
            }
        }
        for (int i = 0; i < properties.tokens().size(); i++) {
            if (properties.tokens().get(i).tokenHash().equals(demoTokenHash)) {
                found.add("fillwatch.security.tokens[" + i + "].token-hash (" + properties.tokens().get(i).name() + ")");
            }
        }
        return found;
    }
}
