package dev.skeleton.storage.runtime;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Drops the one warning of the Felix Web Console that the platform expects at every start with
 * {@code --web}: that the storage page is a "legacy" plugin, to be updated to the Jakarta Servlet
 * API. It is a {@code javax.servlet} servlet on purpose, so that it also runs in the Web Console
 * of containers that are still on {@code javax.servlet} (Karaf 4.4); Web Console 5 runs it through
 * its wrappers. The same warning about any other bundle, and every other record, passes.
 *
 * <p>Stateless; thread-safe.
 */
final class WebConsoleLogFilter implements Filter {

    /** The logger the Web Console logs everything through (its slf4j logger, bound to this one). */
    static final String CONSOLE_LOGGER = "org.apache.felix.webconsole";
    /**
     * The console's logger, held: {@code java.util.logging} keeps loggers only weakly, and one made
     * afresh would be without the filter.
     */
    private static final Logger HELD = Logger.getLogger(CONSOLE_LOGGER);

    /** Puts the filter on the Web Console's logger. */
    static void install() {
        HELD.setFilter(new WebConsoleLogFilter());
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !message.startsWith("Legacy webconsole plugin found")
                || !message.contains("from bundle " + WebConsole.STORAGE_PAGE_BUNDLE + ":");
    }
}
