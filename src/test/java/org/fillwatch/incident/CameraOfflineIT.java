package org.fillwatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.fillwatch.camera.CameraCameBack;
import org.fillwatch.camera.FrameHandler;
import org.fillwatch.reading.LatestReadings;
import org.fillwatch.scene.RenderedScene;
import org.fillwatch.scene.SceneRenderer;
import org.fillwatch.vision.FillState;
import org.fillwatch.camera.CameraWentOffline;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.ItServers;
import org.fillwatch.testing.MqttInbox;
import org.fillwatch.testing.ServersIT;
import org.fillwatch.testing.TestPavilions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Camera health in compressed time: the camera module's events carry their own times and the
 * hold-down check runs at chosen times, every 30 s of camera time, as the scheduler would.
 */
class CameraOfflineIT extends ServersIT {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    @Autowired TestPavilions pavilions;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncidentRegister register;
    @Autowired CameraHealth health;

    @Test
    void flappingCameraOpensNoIncident() {
        String carrier = "carrier-flap-" + ItServers.RUN;
        Pavilion pavilion = pavilions.create(carrier, 1);
        Instant t0 = Instant.parse("2026-11-25T01:00:00Z");
        Instant nextCheck = t0;
        // offline and online again every 20 s for 10 minutes
        for (int i = 0; i <= 30; i++) {
            Instant at = t0.plusSeconds(20L * i);
            while (!nextCheck.isAfter(at)) {
                health.check(nextCheck);
                nextCheck = nextCheck.plus(CHECK_EVERY);
            }
            events.publishEvent(i % 2 == 0 ? new CameraWentOffline(pavilion.id(), at, "IOException: timeout")
                    : new CameraCameBack(pavilion.id(), at, at.minusSeconds(20)));
        }
        health.check(t0.plusSeconds(600));
        assertThat(register.list(null, carrier, 10)).isEmpty();
    }

    @Test
    void fifteenMinuteOutageOpensExactlyOneIncidentClosedOnRecovery() throws Exception {
        String carrier = "carrier-outage-" + ItServers.RUN;
        Pavilion pavilion = pavilions.create(carrier, 2);
        Instant t0 = Instant.parse("2026-11-25T02:00:00Z");
        try (MqttInbox inbox = new MqttInbox(ItServers.mqttUrl(), "fillwatch/carriers/" + carrier + "/incidents")) {
            events.publishEvent(new CameraWentOffline(pavilion.id(), t0, "IOException: connection refused"));
            int opened = 0;
            for (Instant at = t0; at.isBefore(t0.plus(Duration.ofMinutes(15))); at = at.plus(CHECK_EVERY)) {
                opened += health.check(at);
                List<Incident> incidents = register.list(null, carrier, 10);
                assertThat(incidents).as("at %s", at).hasSize(at.isBefore(t0.plus(Duration.ofMinutes(10))) ? 0 : 1);
            }
            assertThat(opened).isEqualTo(1);
            Incident incident = register.list(null, carrier, 10).get(0);
            assertThat(incident.type()).isEqualTo(IncidentType.CAMERA_OFFLINE);
            assertThat(incident.containerId()).isEqualTo(Incident.CAMERA);
            assertThat(incident.openedAt()).isEqualTo(t0.plus(Duration.ofMinutes(10)));
            assertThat(incident.deadline()).isEqualTo(incident.openedAt().plus(Duration.ofHours(4)));

            Instant back = t0.plus(Duration.ofMinutes(15));
            events.publishEvent(new CameraCameBack(pavilion.id(), back, t0));
            Incident resolved = register.find(incident.registrationNumber()).orElseThrow();
            assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(resolved.closeReason()).isEqualTo("camera back online");
            assertThat(resolved.timeToPickupSeconds()).isEqualTo(300);
            assertThat(health.check(back.plus(Duration.ofHours(1)))).as("nothing left to open").isZero();

            assertThat(inbox.await("\"opened\"", Duration.ofSeconds(15))).isNotNull()
                    .satisfies(m -> assertThat(m.payload()).contains("CAMERA_OFFLINE", incident.registrationNumber()));
            assertThat(inbox.await("\"closed\"", Duration.ofSeconds(15))).isNotNull()
                    .satisfies(m -> assertThat(m.payload()).contains("camera back online"));
        }
        // the fill slots of the pavilion's containers are not taken by the camera incident
        assertThat(register.history(register.list(null, carrier, 1).get(0).registrationNumber()))
                .extracting(HistoryEntry::actor).containsOnly("camera-health");
    }

    @Autowired FrameHandler frames;
    @Autowired LatestReadings readings;

    /**
     * Frames through the real vision beans: a camera turned away for 10 samples (the default
     * fillwatch.vision.tamper.moved-samples) opens one CAMERA_TAMPERED incident and its containers
     * read UNKNOWN meanwhile; the view back for 3 samples (consecutive) resolves it.
     */
    @Test
    void turnedCameraOpensCameraTamperedAndItsContainersReadUnknownUntilTheViewIsBack() throws Exception {
        String carrier = "carrier-tamper-" + ItServers.RUN;
        Pavilion pavilion = pavilions.create(carrier, 2);
        Instant t0 = Instant.parse("2026-11-25T03:00:00Z");
        SceneRenderer renderer = new SceneRenderer(20_261_125L + 500, null);
        try (RenderedScene scene = renderer.render(renderer.randomSpec(1280, 720)); Mat turned = new Mat();
             Mat turnedMore = new Mat(); Point2f centre = new Point2f(640, 360);
             Mat rotation = opencv_imgproc.getRotationMatrix2D(centre, 8, 1);
             Mat moreRotation = opencv_imgproc.getRotationMatrix2D(centre, 9, 1)) {
            opencv_imgproc.warpAffine(scene.image(), turned, rotation, scene.image().size());
            // two pictures in turn: a live camera's picture is never the same twice (else it is frozen)
            opencv_imgproc.warpAffine(scene.image(), turnedMore, moreRotation, scene.image().size());
            int minute = 0;
            for (int i = 0; i < 2; i++) {
                frames.onFrame(pavilion, t0.plusSeconds(60L * minute++), scene.image());
            }
            for (int i = 0; i < 10; i++) {
                assertThat(register.list(null, carrier, 10)).as("after %d turned samples", i).isEmpty();
                frames.onFrame(pavilion, t0.plusSeconds(60L * minute++), i % 2 == 0 ? turned : turnedMore);
                assertThat(readings.ofPavilion(pavilion.id())).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.state()).isEqualTo(FillState.UNKNOWN));
            }
            frames.onFrame(pavilion, t0.plusSeconds(60L * minute++), turned);
            List<Incident> open = register.list(null, carrier, 10);
            assertThat(open).hasSize(1);
            assertThat(open.get(0).type()).isEqualTo(IncidentType.CAMERA_TAMPERED);
            assertThat(open.get(0).containerId()).isEqualTo(Incident.CAMERA);
            assertThat(open.get(0).openedAt()).isEqualTo(t0.plusSeconds(60L * 11));
            for (int i = 0; i < 3; i++) {
                assertThat(register.find(open.get(0).registrationNumber()).orElseThrow().status())
                        .isNotEqualTo(IncidentStatus.RESOLVED);
                frames.onFrame(pavilion, t0.plusSeconds(60L * minute++), scene.image());
            }
            Incident resolved = register.find(open.get(0).registrationNumber()).orElseThrow();
            assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(resolved.closeReason()).isEqualTo(CameraHealth.VIEW_GOOD);
            assertThat(register.history(resolved.registrationNumber()).get(0).reason()).contains("moved");
        }
    }
}
