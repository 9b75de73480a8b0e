package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fillwatch.FillWatchApplication;
import org.fillwatch.testing.DemoLogins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A stop with an operator's page open: the web server's graceful shutdown waits for open requests,
 * so an open event stream held every stop for the whole shutdown-phase timeout (set to 60 s here, 30
 * s by default) while the service's own stop (readings, outbox) waited behind it.
 */
class LiveStreamStopTest {

    @Test
    void anOpenStreamEndsWhenTheServiceStops(@TempDir Path evidence) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(FillWatchApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:live-stream-stop;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--fillwatch.mqtt.url=", "--fillwatch.mqtt.embedded-port=0",
                "--fillwatch.timeseries.store=embedded", "--fillwatch.cameras.enabled=false",
                "--fillwatch.evidence.dir=" + evidence,
                "--spring.lifecycle.timeout-per-shutdown-phase=60s");
        CompletableFuture<Void> streamEnded;
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            CountDownLatch opened = new CountDownLatch(1);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                    .header("Authorization", DemoLogins.OPERATOR.basic()).header("Accept", "text/event-stream").build();
            streamEnded = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> {
                        assertThat(response.statusCode()).isEqualTo(200);
                        try (Stream<String> lines = response.body()) {
                            lines.forEach(line -> opened.countDown());
                        }
                    });
            assertThat(opened.await(30, TimeUnit.SECONDS)).as("stream opened").isTrue();
            assertThat(app.getBean(LiveStream.class).subscribers()).isEqualTo(1);
        } catch (RuntimeException | AssertionError e) {
            app.close();
            throw e;
        }
        long start = System.nanoTime();
        app.close();
        long closeSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(closeSeconds).as("stop not held by the open stream (shutdown phase timeout 60 s)").isLessThan(20);
        streamEnded.get(5, TimeUnit.SECONDS);
        assertThat(streamEnded).isCompleted();
    }
}
