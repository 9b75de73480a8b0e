package org.fillwatch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carrier systems' API tokens ({@code Authorization: Bearer <token>}). The configuration holds only
 * the SHA-256 of each token, so the token is hashed and compared in constant time. A token
 * authenticates that one request only: no session is created.
 */
final class BearerTokens extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final List<SecurityProperties.Token> tokens;
    private final List<byte[]> hashes;

    BearerTokens(List<SecurityProperties.Token> tokens) {
        this.tokens = tokens;
        this.hashes = tokens.stream().map(t -> HexFormat.of().parseHex(t.tokenHash())).toList();
    }

    static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        SecurityProperties.Token token = match(header.substring(PREFIX.length()).trim());
        if (token == null) {
            FilterProblems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unknown or revoked API token");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(token.name(), null, List.of(
                new SimpleGrantedAuthority(Viewer.Role.CARRIER.authority()),
                new SimpleGrantedAuthority(Viewer.CARRIER_AUTHORITY_PREFIX + token.carrier()))));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private SecurityProperties.Token match(String presented) {
        byte[] hash = sha256(presented);
        SecurityProperties.Token found = null;
        for (int i = 0; i < hashes.size(); i++) {
            // every hash is compared, so the time taken does not tell which one nearly matched
            if (MessageDigest.isEqual(hash, hashes.get(i))) {
                found = tokens.get(i);
            }
        }
        return found;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
