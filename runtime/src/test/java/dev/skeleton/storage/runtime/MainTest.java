package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code main} sets up before the launcher runs: the level and format of {@code java.util.logging}. */
class MainTest {

    private final Logger root = Logger.getLogger("");
    private final ConsoleHandler handler = new ConsoleHandler();
    private final Formatter simple = new SimpleFormatter();
    private final Map<Handler, Formatter> formatters = new HashMap<>();
    private Level before;

    @BeforeEach
    void remember() {
        before = root.getLevel();
        for (Handler existing : root.getHandlers()) {
            formatters.put(existing, existing.getFormatter());
        }
        root.setLevel(Level.INFO);
        handler.setFormatter(simple);
        root.addHandler(handler);
    }

    @AfterEach
    void restore() {
        root.setLevel(before);
        root.removeHandler(handler);
        formatters.forEach(Handler::setFormatter);
    }

    @Test
    void logRecordsBecomeOneLineEach() {
        Main.quietJavaLogging(new Properties());

        assertInstanceOf(OneLineLogFormatter.class, handler.getFormatter());
        LogRecord record = new LogRecord(Level.WARNING, "careful");
        record.setLoggerName("a.B");
        record.setThrown(new IllegalStateException("why"));
        assertEquals("warning: B: careful (cause: why)" + System.lineSeparator(), handler.getFormatter().format(record));
    }

    @Test
    void stackTracesOnlyWhenDebugging() {
        Properties system = new Properties();
        system.setProperty("skeleton.debug", "true");
        Main.quietJavaLogging(system);

        LogRecord record = new LogRecord(Level.WARNING, "careful");
        record.setThrown(new IllegalStateException("why"));
        assertTrue(handler.getFormatter().format(record).contains("\tat "));
    }

    @Test
    void informationIsDroppedAndWarningsKept() {
        Main.quietJavaLogging(new Properties());

        assertEquals(Level.WARNING, root.getLevel());
    }

    @Test
    void aLoggingConfigurationOfTheUserIsKept() {
        for (String property : new String[] {"java.util.logging.config.file", "java.util.logging.config.class"}) {
            Properties system = new Properties();
            system.setProperty(property, "given");

            Main.quietJavaLogging(system);

            assertEquals(Level.INFO, root.getLevel(), property);
            assertSame(simple, handler.getFormatter(), property);
        }
    }
}
