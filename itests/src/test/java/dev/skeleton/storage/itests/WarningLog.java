package dev.skeleton.storage.itests;

import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/**
 * The warnings (and worse) logged while it listens. The bundles log through {@code System.Logger},
 * which the JDK hands to {@code java.util.logging} when nothing else is installed (as in these
 * frameworks): a handler on the root logger sees every record, whichever bundle logged it.
 *
 * <p>A record reads as one line: its formatted message, plus {@code " [thrown: <exception>]"} when
 * it carries a stack trace, so that tests can require one line without one.
 *
 * <p>Thread safety: records arrive on any thread; they live in a copy-on-write list.
 */
final class WarningLog extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private WarningLog() {
        setLevel(Level.WARNING);
    }

    /** Starts capturing WARNING and SEVERE records of every logger. */
    static WarningLog capture() {
        WarningLog log = new WarningLog();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return;
        }
        String message = formatter.formatMessage(record);
        lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + message
                + (record.getThrown() == null ? "" : " [thrown: " + record.getThrown() + "]"));
    }

    /** The first captured line that contains every one of the words, if any. */
    Optional<String> lineNaming(String... words) {
        return lines.stream().filter(line -> Arrays.stream(words).allMatch(line::contains)).findFirst();
    }

    /**
     * Waits (bounded) for a warning that names every one of the words, and asserts that it is one
     * line: no line break in its message and no stack trace.
     */
    String awaitOneLineNaming(String... words) {
        Osgi.eventually(() -> assertTrue("expected a WARNING naming " + Arrays.toString(words) + "; logged: " + lines,
                lineNaming(words).isPresent()));
        String line = lineNaming(words).orElseThrow();
        assertTrue("one line, without a stack trace: " + line, !line.contains("\n") && !line.contains("[thrown: "));
        return line;
    }

    /** Every line captured so far. */
    List<String> lines() {
        return lines.stream().collect(Collectors.toList());
    }

    @Override
    public void flush() {
        // Nothing buffered.
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
