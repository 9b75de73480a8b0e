package org.fillwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the service, or runs one of the command-line tools of the same jar ({@code train},
 * {@code render-demo}, ...) when the first argument names one.
 */
@SpringBootApplication
public class FillWatchApplication {

    public static void main(String[] args) {
        if (args.length > 0 && Commands.exists(args[0])) {
            System.exit(Commands.run(args));
        }
        SpringApplication.run(FillWatchApplication.class, args);
    }
}
