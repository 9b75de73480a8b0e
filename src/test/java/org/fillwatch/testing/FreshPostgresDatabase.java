package org.fillwatch.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL database made for one test context (fillwatch_it_&lt;run&gt;_&lt;n&gt;) and dropped after it.
 * Numbered, because several contexts of one test JVM can be alive at the same time.
 */
public final class FreshPostgresDatabase implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

    private final String name = "fillwatch_it_" + ItServers.RUN + "_" + COUNT.incrementAndGet();

    public FreshPostgresDatabase() throws SQLException {
        admin("CREATE DATABASE " + name);
    }

    public String url() {
        String admin = ItServers.postgresAdminUrl();
        int slash = admin.lastIndexOf('/');
        int query = admin.indexOf('?', slash);
        return admin.substring(0, slash + 1) + name + (query < 0 ? "" : admin.substring(query));
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        // FORCE: a pool that is still closing must not keep the database alive
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ItServers.postgresAdminUrl(), ItServers.postgresUser(),
                ItServers.postgresPassword()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
