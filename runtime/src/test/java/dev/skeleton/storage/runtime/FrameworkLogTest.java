package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The framework's own messages go through {@code java.util.logging}, as one record each. */
@Timeout(30)
class FrameworkLogTest {

    @TempDir
    Path dir;

    private final Logger felix = Logger.getLogger(FrameworkLog.NAME);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
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

    @BeforeEach
    void listen() {
        felix.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        felix.removeHandler(capture);
    }

    @Test
    void aBundleThatDoesNotStartIsOneRecordNamingIt() throws LaunchException {
        Path jar = TestJars.bundle(dir.resolve("broken.jar"), "broken", "1.0.0", Map.of("Bundle-Activator", "no.such.Activator"));
        Platform platform = Platform.create(Map.of("org.osgi.framework.storage", dir.resolve("cache").toString(),
                "org.osgi.framework.storage.clean", "onFirstInit", "felix.log.level", "1"));
        try {
            platform.install(List.of(new PlatformBundle(jar, "broken", "1.0.0", StartLevel.STORAGE)));
            platform.raiseTo(StartLevel.STORAGE, Duration.ofSeconds(10));
        } finally {
            assertTrue(platform.stop(Duration.ofSeconds(10)));
        }

        assertEquals(1, records.size(), records.toString());
        LogRecord record = records.get(0);
        assertEquals(Level.SEVERE, record.getLevel());
        assertTrue(record.getMessage().startsWith("bundle broken [1]: "), record.getMessage());
        assertTrue(record.getThrown() != null, "the exception travels with the record, for the formatter");
    }

    @Test
    void felixLevelsBecomeJavaLoggingLevels() {
        assertEquals(Level.SEVERE, FrameworkLog.julLevel(FrameworkLog.LOG_ERROR));
        assertEquals(Level.WARNING, FrameworkLog.julLevel(FrameworkLog.LOG_WARNING));
        assertEquals(Level.INFO, FrameworkLog.julLevel(FrameworkLog.LOG_INFO));
        assertEquals(Level.FINE, FrameworkLog.julLevel(FrameworkLog.LOG_DEBUG));
    }
}
