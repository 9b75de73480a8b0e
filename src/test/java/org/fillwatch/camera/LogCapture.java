package org.fillwatch.camera;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything the application logs (DEBUG included, FFmpeg's own lines too) while it is attached. */
final class LogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.fillwatch");
    private final Level previous = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
    }

    String text() {
        List<String> lines = new ArrayList<>();
        // ListAppender adds under the appender's own lock (AppenderBase.doAppend), not the list's
        synchronized (appender) {
            for (ILoggingEvent e : appender.list) {
                lines.add(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
                if (e.getThrowableProxy() != null) {
                    lines.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
                }
            }
        }
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        appender.stop();
    }
}
