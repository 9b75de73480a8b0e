package org.fillwatch.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.fillwatch.camera.CameraStatus.State;
import org.fillwatch.pavilion.Pavilions;
import org.fillwatch.pavilion.PavilionConfigLoaderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The pavilion and camera beans wire up from properties alone, without a FrameHandler. */
class CameraWiringTest {

    @Configuration
    @ComponentScan(basePackages = {"org.fillwatch.pavilion", "org.fillwatch.camera"})
    static class Modules {
    }

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(Modules.class);

    @Test
    void defaultsAndDisabledSampling() throws Exception {
        Files.writeString(dir.resolve("ptr-001.yaml"), PavilionConfigLoaderTest.GOOD);
        runner.withPropertyValues("fillwatch.cameras.config-dir=" + dir, "fillwatch.cameras.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CameraProperties p = context.getBean(CameraProperties.class);
                    assertThat(p.workers()).isEqualTo(Runtime.getRuntime().availableProcessors() + 1);
                    assertThat(p.queueSize()).isEqualTo(256);
                    assertThat(p.backoffBase()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(p.backoffMax()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(p.configDir()).isEqualTo(dir);

                    assertThat(context.getBean(Pavilions.class).all()).extracting(pv -> pv.id()).containsExactly("ptr-001");
                    context.getBean(CameraSampler.class).start(); // normally on ApplicationReadyEvent
                    CameraStatuses statuses = context.getBean(CameraStatuses.class);
                    assertThat(statuses.find("ptr-001")).get().extracting(CameraStatus::state).isEqualTo(State.DISABLED);
                    HealthIndicator health = context.getBean("camerasHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getDetails()).containsEntry("disabled", 1).containsEntry("online", 0);
                });
    }

    @Test
    void propertiesAreBound() {
        runner.withPropertyValues("fillwatch.cameras.config-dir=" + dir, "fillwatch.cameras.workers=3",
                        "fillwatch.cameras.queue-size=5", "fillwatch.cameras.backoff-base=250ms",
                        "fillwatch.cameras.backoff-max=30s", "fillwatch.cameras.read-timeout=4s")
                .run(context -> {
                    CameraProperties p = context.getBean(CameraProperties.class);
                    assertThat(p.workers()).isEqualTo(3);
                    assertThat(p.queueSize()).isEqualTo(5);
                    assertThat(p.backoffBase()).isEqualTo(Duration.ofMillis(250));
                    assertThat(p.backoffMax()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(p.enabled()).isTrue();
                    // an empty folder is no error: no pavilions, no problems
                    assertThat(context.getBean(Pavilions.class).problems()).isEmpty();
                });
    }
}
