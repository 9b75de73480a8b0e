package org.fillwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fillwatch.FillWatchApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo run (application.yml defaults: demo users, the demo pavilions of camera-config/demo and
 * their clips) on a random port, with an in-memory database and an embedded broker on a free port,
 * so it runs beside other tests. For browser tests: {@code try (DemoService demo = DemoService.start())}.
 */
public final class DemoService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private DemoService(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** @param properties extra {@code key=value} settings, e.g. another config-dir */
    public static DemoService start(String... properties) throws IOException {
        String name = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        Path evidence = Files.createTempDirectory("fillwatch-evidence");
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "fillwatch.mqtt.url=",
                "fillwatch.mqtt.embedded-port=0",
                "fillwatch.mqtt.client-id=" + name,
                "fillwatch.timeseries.store=embedded",
                "fillwatch.evidence.dir=" + evidence));
        all.addAll(List.of(properties));
        // as command-line arguments: they must win over application.yml (builder properties would not)
        ConfigurableApplicationContext context = new SpringApplicationBuilder(FillWatchApplication.class)
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
        return new DemoService(context);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Publishes an event inside the service, e.g. an analysed frame with chosen fills and time. */
    public void publish(Object event) {
        context.publishEvent(event);
    }

    @Override
    public void close() {
        context.close();
    }
}
