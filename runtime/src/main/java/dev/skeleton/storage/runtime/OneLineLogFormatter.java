package dev.skeleton.storage.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats a {@code java.util.logging} record as one line:
 * {@code <level>: <source>: <message> (cause: <root cause>)}, for example
 * {@code error: fileinstall: Failed to install artifact: /w/etc/x.cfg (cause: Key [] must not be an empty string)}.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>One line per record: the JDK's {@code SimpleFormatter} writes two (a date line, then the
 *       message) and the whole stack trace of a thrown exception, which buries the one thing a
 *       user needs (FileInstall's 40 lines for a garbage line in a {@code .cfg} file). Line breaks
 *       inside a message become {@code " / "}.</li>
 *   <li>The level in lower case, as the launcher writes its own lines ({@code error},
 *       {@code warning}, {@code info}, {@code config}, {@code debug} for FINE and below).</li>
 *   <li>The source is the last part of the logger's name ({@code HikariPool} for
 *       {@code com.zaxxer.hikari.pool.HikariPool}), else of the class that logged: short, and
 *       enough to tell who speaks.</li>
 *   <li>The cause is the innermost exception's message (its class name when it has none): the
 *       outer ones mostly wrap it ({@code RuntimeException: IllegalArgumentException: ...}).</li>
 *   <li>With {@code -D}{@value #STACK_TRACES}{@code =true} the stack trace follows the line, for
 *       the developer who needs it.</li>
 * </ul>
 *
 * <p>Thread safety: stateless after construction; any number of handlers may share it.
 */
final class OneLineLogFormatter extends Formatter {

    /** The system property that adds stack traces to the records that carry an exception. */
    static final String STACK_TRACES = "skeleton.debug";

    private final boolean stackTraces;

    /**
     * A formatter.
     *
     * @param stackTraces whether to append the stack trace of a record's exception
     */
    OneLineLogFormatter(boolean stackTraces) {
        this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(levelName(record.getLevel())).append(": ")
                .append(source(record)).append(": ")
                .append(oneLine(formatMessage(record)));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(" (cause: ").append(oneLine(describe(rootCause(thrown)))).append(')');
        }
        line.append(System.lineSeparator());
        if (thrown != null && stackTraces) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    private static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warning";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return value >= Level.CONFIG.intValue() ? "config" : "debug";
    }

    private static String source(LogRecord record) {
        String name = record.getLoggerName();
        if (name == null || name.isEmpty()) {
            name = record.getSourceClassName();
        }
        if (name == null || name.isEmpty()) {
            return "java";
        }
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable root = thrown;
        // Bounded: a cause chain may loop.
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable thrown) {
        String message = thrown.getMessage();
        return message == null || message.isBlank() ? thrown.getClass().getName() : message;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " / ");
    }
}
