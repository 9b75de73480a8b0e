package org.fillwatch.alert;

import java.time.Instant;
import org.fillwatch.FillWatchApplication;
import org.fillwatch.incident.IncidentRegister;
import org.fillwatch.pavilion.Pavilion;
import org.fillwatch.testing.TestPavilions;
import org.fillwatch.vision.FillState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service in a child JVM for {@link SigkillIT}: {@code raise CARRIER} opens one incident and
 * prints {@code COMMITTED <number>} once it is committed, then waits to be killed; {@code resume}
 * only starts the service, which publishes what the registry still holds. Database and broker come
 * as Spring properties on the command line.
 */
public final class KillableService {

    private KillableService() {
    }

    public static void main(String[] args) throws Exception {
        String[] properties = java.util.Arrays.copyOfRange(args, args[0].equals("raise") ? 2 : 1, args.length);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(FillWatchApplication.class,
                TestPavilions.Config.class).run(properties);
        System.out.println("STARTED");
        if (args[0].equals("raise")) {
            Pavilion pavilion = app.getBean(TestPavilions.class).create(args[1], 1);
            Instant t0 = Instant.parse("2026-11-25T02:00:00Z");
            for (int i = 0; i < 3; i++) {
                app.publishEvent(TestPavilions.frame(pavilion, t0.plusSeconds(60L * i), 95, FillState.FULL));
            }
            String number = app.getBean(IncidentRegister.class).list(null, args[1], 1).get(0).registrationNumber();
            System.out.println("COMMITTED " + number);
        }
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
