package org.fillwatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The demo users of application.yml with their published passwords (README), for tests that call
 * the API: {@code .header("Authorization", DemoLogins.OPERATOR.basic())}.
 */
public enum DemoLogins {
    OPERATOR("operator", "operator-demo"),
    ADMIN("admin", "admin-demo"),
    CARRIER_A("carrier-a", "carrier-a-demo"),
    CARRIER_B("carrier-b", "carrier-b-demo");

    /** The demo API token of carrier-a's dispatch system. */
    public static final String CARRIER_A_TOKEN = "demo-token-carrier-a";

    public final String user;
    public final String password;

    DemoLogins(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** The value of an HTTP Basic {@code Authorization} header. */
    public String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
