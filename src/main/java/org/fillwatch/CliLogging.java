package org.fillwatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging for the command-line tools: without Spring, Logback's default writes DEBUG lines to
 * standard output, which would corrupt output meant for machines ({@code evaluate --json}). Here
 * every log line goes to standard error, at INFO, with the noisy native-library probes lowered.
 */
final class CliLogging {

    private CliLogging() {
    }

    static void toStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: nothing of ours to configure
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        // "Failed to detect GPU count": CUDA libraries present without a driver; harmless on CPU
        context.getLogger("ai.djl.util.cuda").setLevel(Level.ERROR);
        context.getLogger("ai.djl.pytorch.jni.LibUtils").setLevel(Level.ERROR);
    }
}
