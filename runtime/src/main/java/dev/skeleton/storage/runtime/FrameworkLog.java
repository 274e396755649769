package dev.skeleton.storage.runtime;

import java.util.logging.Level;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The framework's own log, through {@code java.util.logging} (logger {@value #NAME}): Felix writes
 * its messages to standard output and their stack traces to standard error by default, which puts
 * some twenty lines among the commands' results for one bundle of {@code deploy/} that does not
 * start. Through {@code java.util.logging} they get the launcher's one-line format (see
 * {@link OneLineLogFormatter}) on standard error. Given to Felix as the object of its
 * {@code felix.log.logger} property (see {@link Platform#create}); the level is still
 * {@code felix.log.level}.
 *
 * <p>Thread safety: stateless; Felix calls it from any thread.
 */
final class FrameworkLog extends org.apache.felix.framework.Logger {

    /** The {@code java.util.logging} logger the framework's messages go to. */
    static final String NAME = "felix";

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(NAME);

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String about = bundle != null ? "bundle " + bundle + ": " : sr != null ? "service " + sr + ": " : "";
        LOG.log(julLevel(level), about + msg, throwable);
    }

    /**
     * The {@code java.util.logging} level of a Felix log level.
     *
     * @param level {@link #LOG_ERROR}, {@link #LOG_WARNING}, {@link #LOG_INFO} or {@link #LOG_DEBUG}
     * @return SEVERE, WARNING, INFO, or FINE for the rest
     */
    static Level julLevel(int level) {
        return switch (level) {
            case LOG_ERROR -> Level.SEVERE;
            case LOG_WARNING -> Level.WARNING;
            case LOG_INFO -> Level.INFO;
            default -> Level.FINE;
        };
    }
}
