package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class WebConsoleLogFilterTest {

    private static final String LEGACY = "Legacy webconsole plugin found. Update this to the Jakarta Servlet API: "
            + "Service 50([javax.servlet.Servlet]) from bundle ";

    private static boolean passes(String message) {
        return new WebConsoleLogFilter().isLoggable(new LogRecord(Level.WARNING, message));
    }

    @Test
    void theLegacyWarningAboutTheStoragePageIsDropped() {
        assertFalse(passes(LEGACY + "dev.skeleton.storage.webconsole:1.0.0.SNAPSHOT(24)"));
    }

    @Test
    void theSameWarningAboutAnotherBundleAndOtherRecordsPass() {
        assertTrue(passes(LEGACY + "com.example.page:1.0.0(25)"));
        assertTrue(passes("registerHttpWhiteboardServices: Problem setting up"));
        assertTrue(passes(null));
    }

    @Test
    void installingPutsTheFilterOnTheConsolesLogger() {
        WebConsoleLogFilter.install();

        assertNotNull(Logger.getLogger(WebConsoleLogFilter.CONSOLE_LOGGER).getFilter());
        assertTrue(Logger.getLogger(WebConsoleLogFilter.CONSOLE_LOGGER).getFilter() instanceof WebConsoleLogFilter);
    }
}
