package org.fillwatch.web;

import java.util.Collection;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who is looking, as every controller scopes data: operators and administrators see every carrier's
 * pavilions and incidents, a carrier (user or API token) only its own. Built from the authorities the
 * security layer grants: {@code ROLE_OPERATOR}, {@code ROLE_CARRIER}, {@code ROLE_ADMIN}, and for a
 * carrier also {@code CARRIER_<carrierId>}.
 *
 * @param carrierId present exactly when the role is {@link Role#CARRIER}
 */
public record Viewer(String name, Role role, Optional<String> carrierId) {

    public static final String CARRIER_AUTHORITY_PREFIX = "CARRIER_";

    public enum Role {
        OPERATOR, CARRIER, ADMIN;

        public String authority() {
            return "ROLE_" + name();
        }
    }

    public Viewer {
        if (role == Role.CARRIER && carrierId.isEmpty()) {
            throw new IllegalArgumentException("a carrier viewer needs its carrier id");
        }
    }

    /**
     * The viewer of an authenticated request. The highest role wins (ADMIN over OPERATOR over
     * CARRIER), so a misconfigured principal is never narrowed to some other carrier by accident.
     *
     * @throws ResponseStatusException 403 when the authentication carries none of the roles
     */
    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "not signed in");
        }
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        String name = authentication.getName();
        if (has(authorities, Role.ADMIN.authority())) {
            return new Viewer(name, Role.ADMIN, Optional.empty());
        }
        if (has(authorities, Role.OPERATOR.authority())) {
            return new Viewer(name, Role.OPERATOR, Optional.empty());
        }
        if (has(authorities, Role.CARRIER.authority())) {
            Optional<String> carrier = authorities.stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a != null && a.startsWith(CARRIER_AUTHORITY_PREFIX))
                    .map(a -> a.substring(CARRIER_AUTHORITY_PREFIX.length())).findFirst();
            if (carrier.isPresent()) {
                return new Viewer(name, Role.CARRIER, carrier);
            }
        }
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, name + " has no FillWatch role");
    }

    /** Whether this viewer may see data of that carrier. */
    public boolean maysee(String carrier) {
        return role != Role.CARRIER || carrierId.get().equals(carrier);
    }

    /**
     * Refuses another carrier's resource with 403: the resource exists, and saying so leaks no more
     * than the id the caller already holds, while a 404 would hide a misrouted request from the carrier.
     */
    public void requireMaysee(String carrier, String what) {
        if (!maysee(carrier)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, what + " belongs to another carrier");
        }
    }

    public boolean isCarrier() {
        return role == Role.CARRIER;
    }

    /** Operators and administrators: the people of the city's side. */
    public boolean isStaff() {
        return role == Role.OPERATOR || role == Role.ADMIN;
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String authority) {
        return authorities.stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
