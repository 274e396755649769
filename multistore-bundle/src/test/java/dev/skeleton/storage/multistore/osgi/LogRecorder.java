package dev.skeleton.storage.multistore.osgi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Records what the named classes log through {@link System.Logger}, which outside OSGi writes to
 * java.util.logging under the class's name. Each record as {@code LEVEL message}; also whether a
 * throwable was attached (a record meant to be one line must have none). Remove with close.
 */
final class LogRecorder implements AutoCloseable {

    private final List<Logger> loggers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogRecorder(Class<?>... sources) {
        loggers = java.util.Arrays.stream(sources).map(c -> Logger.getLogger(c.getName())).toList();
        loggers.forEach(logger -> {
            logger.addHandler(handler);
            logger.setLevel(Level.ALL);
        });
    }

    /** Every record as {@code LEVEL message}, in order. */
    List<String> lines() {
        return records.stream().map(r -> r.getLevel().getName() + " " + r.getMessage()).collect(Collectors.toList());
    }

    /** The records of at least WARNING, as {@code LEVEL message}. */
    List<String> warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> r.getLevel().getName() + " " + r.getMessage()).collect(Collectors.toList());
    }

    /** Whether every record is one line without a stack trace. */
    boolean allOneLine() {
        return records.stream().allMatch(r -> r.getThrown() == null && !r.getMessage().contains("\n"));
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeHandler(handler));
    }
}
