package io.openfdm.cli.demo.vcsim;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * While the demo runs, this JVM's log (the bridge and the vSphere client run in it) goes to a file
 * instead of stderr, so the demo's own lines stay readable: the root logger's appenders are
 * replaced by one {@link FileAppender} and put back by {@link #close()}. Does nothing when slf4j is
 * not bound to logback.
 */
final class DemoLog implements AutoCloseable {
    private final Logger root;
    private final FileAppender<ILoggingEvent> file;
    private final List<Appender<ILoggingEvent>> replaced = new ArrayList<>();

    private DemoLog(Logger root, FileAppender<ILoggingEvent> file) {
        this.root = root;
        this.file = file;
    }

    /** Sends the log to {@code logFile} (appending) until {@link #close()}. */
    static DemoLog toFile(Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new DemoLog(null, null);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("fdm-demo-file");
        file.setFile(logFile.toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        DemoLog log = new DemoLog(root, file);
        root.iteratorForAppenders().forEachRemaining(log.replaced::add);
        log.replaced.forEach(root::detachAppender);
        root.addAppender(file);
        return log;
    }

    /** Puts the previous appenders back. Idempotent. */
    @Override
    public synchronized void close() {
        if (root == null || !file.isStarted()) {
            return;
        }
        root.detachAppender(file);
        replaced.forEach(root::addAppender);
        file.stop();
    }
}
