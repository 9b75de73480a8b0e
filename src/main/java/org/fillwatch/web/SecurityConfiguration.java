package org.fillwatch.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may see what. Nothing but the login page, health and static assets without signing in.
 * People sign in on the login page (session, CSRF-protected forms) or with HTTP Basic on the API;
 * carrier systems with an API token. Pages and API answers carry a content security policy without
 * inline scripts, {@code frame-ancestors 'none'} and {@code X-Content-Type-Options: nosniff}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, WebProperties.class, ScrapeToken.Settings.class})
class SecurityConfiguration {

    static final String[] STAFF = {Viewer.Role.OPERATOR.name(), Viewer.Role.ADMIN.name()};

    /**
     * The firewall refuses paths such as encoded slashes or "..": answer with a problem body like
     * every other error, and without echoing the path back.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejected() {
        return (request, response, e) -> FilterProblems.write(response, HttpServletResponse.SC_BAD_REQUEST,
                "malformed request path");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder, Environment environment) {
        if (properties.production() || environment.acceptsProfiles(Profiles.of("prod"))) {
            List<String> demo = DemoCredentials.stillConfigured(properties, encoder);
            if (!demo.isEmpty()) {
                throw new IllegalStateException("Production configuration still holds the demo credentials "
                        + "published in the README: " + String.join(", ", demo)
                        + ". Configure your own users and tokens (bcrypt / SHA-256 hashes), see docs/web.md.");
            }
        }
        List<UserDetails> users = properties.users().stream().map(u -> User.withUsername(u.name())
                .password(u.password())
                .authorities(authorities(SecurityProperties.role("", u.role()), u.carrier())).build()).toList();
        return new InMemoryUserDetailsManager(users);
    }

    static List<GrantedAuthority> authorities(Viewer.Role role, String carrier) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(role.authority()));
        if (role == Viewer.Role.CARRIER) {
            authorities.add(new SimpleGrantedAuthority(Viewer.CARRIER_AUTHORITY_PREFIX + carrier));
        }
        return authorities;
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, SecurityProperties properties, WebProperties web,
                            ScrapeToken.Settings metrics) throws Exception {
        // machines' endpoints answer 401/403 problem details instead of the login page (Prometheus, API clients)
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator")
                || request.getRequestURI().startsWith(request.getContextPath() + "/v3/api-docs");
        AuthenticationEntryPoint apiEntry = (request, response, e) ->
                FilterProblems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "sign in, or send an API token");
        AccessDeniedHandler apiDenied = (request, response, e) ->
                FilterProblems.write(response, HttpServletResponse.SC_FORBIDDEN, "not allowed for your role");
        http.authorizeHttpRequests(auth -> auth
                        // the first dispatch was authorised; SSE and error dispatches follow it
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/actuator/health", "/actuator/health/**", "/webjars/**", "/css/**",
                                "/js/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(ScrapeToken.PATH).hasAnyRole(Viewer.Role.ADMIN.name(), ScrapeToken.ROLE)
                        .requestMatchers("/admin/**", "/api/trends/**").hasRole(Viewer.Role.ADMIN.name())
                        // the service's own state (endpoint list, info, which instance samples which camera)
                        // is for the people who run it, not the carriers' companies
                        .requestMatchers("/actuator", "/actuator/**").hasAnyRole(STAFF)
                        .requestMatchers(HttpMethod.PUT, "/api/pavilions/*/containers").hasAnyRole(STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/incidents/*/close").hasAnyRole(STAFF)
                        .requestMatchers("/api/labels/**", "/api/pavilions/*/containers/*/crop", "/api/cameras/**")
                        .hasAnyRole(STAFF)
                        .requestMatchers("/pavilions/**", "/incidents/**", "/cameras/**", "/labelling/**")
                        .hasAnyRole(STAFF)
                        .anyRequest().authenticated())
                .addFilterBefore(new ScrapeToken(metrics), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokens(properties.tokens()), BasicAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntry))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(apiEntry, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), r -> true)
                        .defaultAccessDeniedHandlerFor(apiDenied, api))
                // requests carrying their own credentials (token, Basic) are not driven by a browser's
                // cookie, the only thing cross-site request forgery can abuse
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::carriesCredentials))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(web)))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Scripts only from this server, never inline (so injected markup cannot run code); styles may
     * be inline because Leaflet positions its layers with style attributes.
     */
    static String contentSecurityPolicy(WebProperties web) {
        String tiles = web.tileOrigin() == null ? "" : " " + web.tileOrigin();
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
                + tiles + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader("Authorization") != null;
    }
}
