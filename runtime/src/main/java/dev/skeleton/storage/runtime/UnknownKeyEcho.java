package dev.skeleton.storage.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the unknown keys of {@code etc/dev.skeleton.storage.multistore.cfg} to one line each while
 * the platform starts. The launcher names them at start, naming the file (see
 * {@link MultiStoreConfiguration}); the multistore component names them again when it is
 * activated with that configuration (it does so in every container, where no launcher reads the
 * file), through {@code java.util.logging}. While installed, the root logger's handlers drop that
 * second report, and only it: records of the multistore's loggers (names starting with
 * {@value #MULTISTORE_LOGGERS}) whose message speaks of an {@code unknown key}. The launcher
 * installs it around the platform's start, and only when it has named unknown keys itself; a key
 * misspelt in the file while the platform runs is then named by the multistore alone.
 *
 * <p>Thread safety: installed and closed by the launcher's thread; the handlers' filters it
 * installs are stateless and called on any thread.
 */
final class UnknownKeyEcho implements AutoCloseable {

    /** The prefix of the multistore's logger names (its classes' names). */
    static final String MULTISTORE_LOGGERS = "dev.skeleton.storage.multistore";

    /** Each handler, with the filter it had before. */
    private final Map<Handler, Filter> previous = new LinkedHashMap<>();

    private UnknownKeyEcho() {
    }

    /**
     * Makes the root logger's handlers drop the multistore's report of unknown keys, keeping
     * whatever filter they have for the other records.
     *
     * @return what gives the handlers their filters back
     */
    static UnknownKeyEcho install() {
        UnknownKeyEcho echo = new UnknownKeyEcho();
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Filter before = handler.getFilter();
            echo.previous.put(handler, before);
            handler.setFilter(record -> !isEcho(record) && (before == null || before.isLoggable(record)));
        }
        return echo;
    }

    /**
     * Whether a record is the multistore's report of unknown configuration keys.
     *
     * @param record a log record
     * @return true for a record of a multistore logger whose message names an unknown key
     */
    static boolean isEcho(LogRecord record) {
        String logger = record.getLoggerName();
        String message = record.getMessage();
        return logger != null && logger.startsWith(MULTISTORE_LOGGERS) && message != null
                && message.contains("unknown key");
    }

    /** Gives each handler its previous filter back. */
    @Override
    public void close() {
        previous.forEach(Handler::setFilter);
    }
}
