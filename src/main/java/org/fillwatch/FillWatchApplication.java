package org.fillwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FillWatchApplication {
    public static void main(String[] args) {
        SpringApplication.run(FillWatchApplication.class, args);
    }
}
