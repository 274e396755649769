package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The deferred logger reaches the platform's logging like {@code System.getLogger} does (here the
 * JDK's default, {@code java.util.logging}), message, parameters, exception and level filter alike.
 */
class DeferredLoggerTest {

    private static final String NAME = "dev.skeleton.storage.file.deferred-logger-test";

    @Test
    void logsThroughTheLoggerItLooksUpAtFirstUse() {
        Logger backEnd = Logger.getLogger(NAME);
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
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
        backEnd.addHandler(handler);
        backEnd.setLevel(java.util.logging.Level.INFO);
        try {
            DeferredLogger logger = new DeferredLogger(NAME);
            assertEquals(NAME, logger.getName());
            assertTrue(logger.isLoggable(Level.WARNING));
            assertFalse(logger.isLoggable(Level.DEBUG), "the back end's level applies");
            IllegalStateException failure = new IllegalStateException("disk");
            logger.log(Level.WARNING, "checkpoint failed", failure);
            logger.log(Level.INFO, "store {0} destroyed", "users");
            logger.log(Level.DEBUG, "not published");

            assertEquals(2, records.size(), () -> "published: " + records);
            assertEquals("checkpoint failed", records.get(0).getMessage());
            assertSame(failure, records.get(0).getThrown());
            assertEquals(java.util.logging.Level.WARNING, records.get(0).getLevel());
            assertEquals("store {0} destroyed", records.get(1).getMessage());
            assertEquals(List.of("users"), List.of(records.get(1).getParameters()));
        } finally {
            backEnd.removeHandler(handler);
        }
    }
}
