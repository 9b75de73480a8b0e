package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The shipped application.yml with its demo users: fine for the demo, refused in production. */
class DemoCredentialsTest {

    private final ApplicationContextRunner shipped = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(SecurityUsers.class);

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.context.properties.EnableConfigurationProperties(SecurityProperties.class)
    static class SecurityUsers {
        @org.springframework.context.annotation.Bean
        org.springframework.security.crypto.password.PasswordEncoder passwordEncoder() {
            return new SecurityConfiguration().passwordEncoder();
        }

        @org.springframework.context.annotation.Bean
        org.springframework.security.core.userdetails.UserDetailsService users(SecurityProperties p,
                org.springframework.security.crypto.password.PasswordEncoder e,
                org.springframework.core.env.Environment env) {
            return new SecurityConfiguration().users(p, e, env);
        }
    }

    @Test
    void demoRunStartsWithOneUserPerRoleAndTwoCarriers() {
        shipped.run(context -> {
            assertThat(context).hasNotFailed();
            var users = context.getBean(org.springframework.security.core.userdetails.UserDetailsService.class);
            assertThat(users.loadUserByUsername("operator").getAuthorities()).extracting(Object::toString)
                    .containsExactly("ROLE_OPERATOR");
            assertThat(users.loadUserByUsername("admin").getAuthorities()).extracting(Object::toString)
                    .containsExactly("ROLE_ADMIN");
            assertThat(users.loadUserByUsername("carrier-a").getAuthorities()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("ROLE_CARRIER", "CARRIER_carrier-a");
            assertThat(users.loadUserByUsername("carrier-b").getAuthorities()).extracting(Object::toString)
                    .containsExactlyInAnyOrder("ROLE_CARRIER", "CARRIER_carrier-b");
            var encoder = context.getBean(org.springframework.security.crypto.password.PasswordEncoder.class);
            DemoCredentials.PASSWORDS.forEach((user, password) -> assertThat(
                    encoder.matches(password, users.loadUserByUsername(user).getPassword()))
                    .as("README password of " + user).isTrue());
        });
    }

    @Test
    void prodProfileRefusesTheDemoPasswords() {
        shipped.withPropertyValues("spring.profiles.active=prod").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("demo credentials")
                    .hasMessageContaining("fillwatch.security.users[0].password (operator)")
                    .hasMessageContaining("fillwatch.security.tokens[0].token-hash");
        });
    }

    @Test
    void productionFlagRefusesADemoPasswordEvenHashedAgain() {
        String rehashed = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("carrier-b-demo");
        String own = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("a long password of our own");
        shipped.withPropertyValues("fillwatch.security.production=true",
                        "fillwatch.security.users[0].name=dispatcher", "fillwatch.security.users[0].role=OPERATOR",
                        "fillwatch.security.users[0].password=" + own,
                        "fillwatch.security.users[1].name=b", "fillwatch.security.users[1].role=CARRIER",
                        "fillwatch.security.users[1].carrier=carrier-b",
                        "fillwatch.security.users[1].password=" + rehashed,
                        "fillwatch.security.tokens=")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("fillwatch.security.users[1].password (b)")
                        .hasMessageNotContaining("users[0]"));
        shipped.withPropertyValues("fillwatch.security.production=true",
                        "fillwatch.security.users[0].name=dispatcher", "fillwatch.security.users[0].role=OPERATOR",
                        "fillwatch.security.users[0].password=" + own, "fillwatch.security.tokens=")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void badEntriesNameTheirKey() {
        shipped.withPropertyValues("fillwatch.security.users[0].name=x", "fillwatch.security.users[0].role=ADMIN",
                        "fillwatch.security.users[0].password=plain-text")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("fillwatch.security.users[0].password: must be a bcrypt hash"));
        shipped.withPropertyValues("fillwatch.security.users[0].name=x", "fillwatch.security.users[0].role=CARRIER",
                        "fillwatch.security.users[0].password={bcrypt}$2a$04$abc")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("fillwatch.security.users[0].carrier: a CARRIER is bound to one carrier id"));
        shipped.withPropertyValues("fillwatch.security.tokens[0].name=t", "fillwatch.security.tokens[0].role=CARRIER",
                        "fillwatch.security.tokens[0].carrier=carrier-a", "fillwatch.security.tokens[0].token-hash=abc")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("fillwatch.security.tokens[0].token-hash"));
    }
}
