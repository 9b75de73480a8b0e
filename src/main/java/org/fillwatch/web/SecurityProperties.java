package org.fillwatch.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in ({@code fillwatch.security.*}). Passwords only as hashes ({@code {bcrypt}...}),
 * API tokens only as the SHA-256 of the token, so the configuration never holds a secret in clear.
 * Every problem names its key, e.g. {@code fillwatch.security.users[2].carrier}.
 *
 * @param production refuse to start while a demo password or token is configured (also implied by
 *                   the {@code prod} profile)
 */
@ConfigurationProperties("fillwatch.security")
record SecurityProperties(List<User> users, List<Token> tokens, boolean production) {

    private static final Pattern CARRIER_ID = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** A person who signs in on the login page (or with HTTP Basic on the API). */
    record User(String name, String password, String role, String carrier) {
    }

    /** A carrier system's API token, sent as {@code Authorization: Bearer <token>}. */
    record Token(String name, String tokenHash, String role, String carrier) {
    }

    SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            User u = users.get(i);
            String key = "fillwatch.security.users[" + i + "]";
            require(u.name() != null && !u.name().isBlank(), key + ".name", "is required");
            require(names.add(u.name()), key + ".name", "'" + u.name() + "' is used twice");
            require(u.password() != null && u.password().startsWith("{bcrypt}$2"), key + ".password",
                    "must be a bcrypt hash written as {bcrypt}$2a$..., never the password itself");
            Viewer.Role role = role(key, u.role());
            carrier(key, role, u.carrier());
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String key = "fillwatch.security.tokens[" + i + "]";
            require(t.name() != null && !t.name().isBlank(), key + ".name", "is required");
            require(names.add(t.name()), key + ".name", "'" + t.name() + "' is already the name of a user or token");
            require(t.tokenHash() != null && SHA256_HEX.matcher(t.tokenHash()).matches(), key + ".token-hash",
                    "must be the SHA-256 of the token as 64 lower-case hex digits (sha256sum)");
            Viewer.Role role = role(key, t.role());
            require(role == Viewer.Role.CARRIER, key + ".role", "API tokens are for carrier systems: must be CARRIER");
            carrier(key, role, t.carrier());
        }
    }

    static Viewer.Role role(String key, String role) {
        try {
            return Viewer.Role.valueOf(role == null ? "" : role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".role: must be OPERATOR, CARRIER or ADMIN, got '" + role + "'");
        }
    }

    private static void carrier(String key, Viewer.Role role, String carrier) {
        if (role == Viewer.Role.CARRIER) {
            require(carrier != null && CARRIER_ID.matcher(carrier).matches(), key + ".carrier",
                    "a CARRIER is bound to one carrier id matching [a-z0-9_-]+, got '" + carrier + "'");
        } else {
            require(carrier == null || carrier.isBlank(), key + ".carrier", "only a CARRIER has a carrier, role is " + role);
        }
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + message);
        }
    }
}
