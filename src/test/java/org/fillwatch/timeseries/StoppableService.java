package org.fillwatch.timeseries;

import java.time.Instant;
import org.fillwatch.FillWatchApplication;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service in a child JVM for {@link GracefulStopTest}: starts on the Spring properties of its
 * command line and then feeds one container's readings without pause, printing {@code FEEDING} once
 * the first thousand were handed over, until the process is stopped.
 */
public final class StoppableService {

    private StoppableService() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(FillWatchApplication.class,
                TestPavilions.Config.class).run(args);
        Pavilion pavilion = app.getBean(TestPavilions.class).create("carrier-stop", 1);
        Instant t0 = Instant.parse("2026-11-25T02:00:00Z");
        for (long i = 0; app.isActive(); i++) {
            try {
                app.publishEvent(TestPavilions.frame(pavilion, t0.plusMillis(i), 40, FillState.PARTIAL));
            } catch (RuntimeException closing) {
                break; // the context is shutting down under us
            }
            if (i == 1000) {
                System.out.println("FEEDING");
                System.out.flush();
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
