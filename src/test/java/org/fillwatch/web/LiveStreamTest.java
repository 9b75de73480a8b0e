package org.fillwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.DemoLogins;
import org.fillwatch.testing.EmbeddedServiceTest;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

/** The live stream sends readings and incidents as they happen, to each carrier only its own. */
@EmbeddedServiceTest
class LiveStreamTest {

    @LocalServerPort int port;
    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired LiveStream stream;

    @Test
    void carrierReceivesItsOwnEventsOnlyAndOperatorAll() throws Exception {
        Pavilion own = pavilions.create("carrier-a", 1);
        Pavilion other = pavilions.create("carrier-b", 1);
        LinkedBlockingQueue<String> carrierLines = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> operatorLines = new LinkedBlockingQueue<>();
        int before = stream.subscribers();
        CompletableFuture<?> carrier = subscribe(DemoLogins.CARRIER_A, carrierLines);
        CompletableFuture<?> operator = subscribe(DemoLogins.OPERATOR, operatorLines);
        long until = System.currentTimeMillis() + 10_000;
        while (stream.subscribers() < before + 2 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }

        Instant t0 = Instant.parse("2026-11-25T07:00:00Z");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(other, t0.plusSeconds(60L * i), 95, FillState.FULL));
        }
        for (int i = 0; i < 3; i++) {
            events.publishEvent(TestPavilions.frame(own, t0.plusSeconds(60L * i), 95, FillState.FULL));
        }

        String carrierIncident = next(carrierLines, "event:incident");
        assertThat(carrierIncident).contains("\"pavilion\":\"" + own.id() + "\"", "\"change\":\"opened\"",
                "\"type\":\"FULL\"");
        String operatorSeen = String.join("\n", collect(operatorLines, own.id(), other.id()));
        assertThat(operatorSeen).contains(other.id(), own.id());
        Thread.sleep(300);
        String carrierSeen = String.join("\n", carrierLines);
        assertThat(carrierSeen).as("nothing of carrier-b reaches carrier-a").doesNotContain(other.id());
        assertThat(carrierIncident).doesNotContain(other.id());
        carrier.cancel(true);
        operator.cancel(true);
    }

    private CompletableFuture<?> subscribe(DemoLogins login, LinkedBlockingQueue<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                .header("Authorization", login.basic()).header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    try (Stream<String> body = response.body()) {
                        // event and data lines joined, one entry per event
                        StringBuilder event = new StringBuilder();
                        body.forEach(line -> {
                            if (line.isEmpty()) {
                                lines.add(event.toString());
                                event.setLength(0);
                            } else {
                                event.append(line.replace("event: ", "event:").replace("data: ", "data:")).append(' ');
                            }
                        });
                    }
                });
    }

    private static String next(LinkedBlockingQueue<String> lines, String prefix) throws InterruptedException {
        long until = System.currentTimeMillis() + Duration.ofSeconds(10).toMillis();
        while (System.currentTimeMillis() < until) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no " + prefix + " within 10 s");
    }

    private static java.util.List<String> collect(LinkedBlockingQueue<String> lines, String... needles)
            throws InterruptedException {
        java.util.List<String> seen = new java.util.ArrayList<>();
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until
                && !Stream.of(needles).allMatch(n -> seen.stream().anyMatch(l -> l.contains(n)))) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
            }
        }
        return seen;
    }
}
