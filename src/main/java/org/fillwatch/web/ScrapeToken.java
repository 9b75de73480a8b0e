package org.fillwatch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prometheus' own credential: {@code Authorization: Bearer <token>} whose SHA-256 is
 * {@code fillwatch.metrics.scrape-token-hash} opens {@code /actuator/prometheus} and nothing else
 * (role METRICS), so a scrape job needs no administrator's password. Other requests, and other
 * tokens, go on to the carriers' tokens and the other sign-ins unchanged.
 */
final class ScrapeToken extends OncePerRequestFilter {

    static final String PATH = "/actuator/prometheus";
    static final String ROLE = "METRICS";

    private static final String PREFIX = "Bearer ";

    /** {@code fillwatch.metrics.*}; {@code scrape-token-hash}: lowercase SHA-256 hex, empty = no scrape token. */
    @ConfigurationProperties("fillwatch.metrics")
    record Settings(String scrapeTokenHash) {

        private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

        Settings {
            if (scrapeTokenHash != null && !scrapeTokenHash.isBlank() && !SHA256_HEX.matcher(scrapeTokenHash).matches()) {
                throw new IllegalArgumentException("fillwatch.metrics.scrape-token-hash: must be the SHA-256 of the token "
                        + "as 64 lowercase hex digits (sha256sum), never the token itself");
            }
        }
    }

    private final byte[] hash;

    ScrapeToken(Settings settings) {
        String hex = settings.scrapeTokenHash();
        this.hash = hex == null || hex.isBlank() ? null : HexFormat.of().parseHex(hex);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return hash == null || !request.getRequestURI().equals(request.getContextPath() + PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || !MessageDigest.isEqual(hash, HexFormat.of().parseHex(
                        BearerTokens.sha256Hex(header.substring(PREFIX.length()).trim())))) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        SecurityContextHolder.setContext(context);
        try {
            // the carriers' token filter would refuse a token it does not know: it must not see this one
            chain.doFilter(new WithoutAuthorization(request), response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static final class WithoutAuthorization extends HttpServletRequestWrapper {

        WithoutAuthorization(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Authorization".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Authorization".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !"Authorization".equalsIgnoreCase(n)).toList());
        }
    }
}
