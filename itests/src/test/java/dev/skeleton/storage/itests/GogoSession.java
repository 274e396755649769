package dev.skeleton.storage.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * A Gogo session of the runtime's {@link CommandProcessor} in the framework, without a shell: a
 * command line runs as a user would type it, and what it gives back is read as an interactive
 * console would print it. Whatever the commands write on the session's console themselves (the
 * progress line of a transfer) is kept apart, in {@link #console()}.
 *
 * <p>Not thread-safe: one test thread runs its commands one after the other.
 */
final class GogoSession implements AutoCloseable {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final CommandSession session;

    GogoSession(CommandProcessor processor) {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
    }

    /** The value of a command line; fails the test if the line fails. */
    Object run(String line) {
        try {
            return session.execute(line);
        } catch (Exception e) {
            throw new AssertionError("'" + line + "' failed: " + e, e);
        }
    }

    /** What an interactive console prints for the result of a command line (null: nothing). */
    String print(String line) {
        Object result = run(line);
        return result == null ? null : session.format(result, Converter.INSPECT).toString();
    }

    /** The message of the failure of a command line, which must be one line. */
    String failure(String line) {
        Exception e = assertThrows(line, Exception.class, () -> session.execute(line));
        assertFalse("one line: " + e.getMessage(), e.getMessage().contains("\n"));
        return e.getMessage();
    }

    /** What the commands wrote on the session's console themselves. */
    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /**
     * What a terminal would show of {@link #console()}: a carriage return goes back to the start of
     * the line, and what follows overwrites it; blanks at the end of a line are not shown.
     */
    String shownOnConsole() {
        StringBuilder screen = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (char c : console().toCharArray()) {
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                screen.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                column = 0;
            } else {
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        return screen.append(line.toString().stripTrailing()).toString();
    }

    @Override
    public void close() {
        session.close();
    }
}
