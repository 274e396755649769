package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * A real Gogo runtime outside OSGi, with the store commands registered under scope {@code store},
 * and one session that runs command lines the way a shell does (each line as a job on a thread of
 * the session's own, which Ctrl-C would interrupt).
 */
final class GogoShell implements AutoCloseable {

    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final CommandProcessorImpl processor;
    private final CommandSession session;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /**
     * A shell with command objects of scope {@code store}, each public method a function as the
     * components' {@code osgi.command.function} lists name them: {@code _import} is
     * {@code store:import}.
     */
    GogoShell(Object... commands) {
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        for (Object command : commands) {
            add("store", command);
        }
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
    }

    /** Adds a command object under a scope, as Gogo's whiteboard does for a command service. */
    void add(String scope, Object commands) {
        for (Method method : commands.getClass().getMethods()) {
            String name = method.getName();
            if (method.getDeclaringClass() != Object.class && !name.equals("_main")) {
                processor.addCommand(scope, commands, name.startsWith("_") ? name.substring(1) : name);
            }
        }
    }

    /** Runs a command line and returns its result, failing the test if it throws. */
    Object run(String line) {
        try {
            return session.execute(line);
        } catch (Exception e) {
            throw new AssertionError("'" + line + "' failed: " + e, e);
        }
    }

    /** Runs a command line and returns what an interactive Gogo console prints for its result. */
    String print(String line) {
        Object result = run(line);
        return result == null ? null : session.format(result, Converter.INSPECT).toString();
    }

    /**
     * Runs a command line that must fail with the one-line error of the store commands, checks the
     * shape that makes every Gogo shell print exactly one line, and returns the exception.
     */
    CommandException fail(String line) {
        Exception thrown = assertThrows(Exception.class, () -> session.execute(line), line);
        CommandException e = assertInstanceOf(CommandException.class, thrown, line);
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertEquals(0, e.getStackTrace().length, "no stack frames");
        assertNull(e.getCause(), "no cause to print");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertEquals("store: " + e.getMessage() + System.lineSeparator(), trace.toString(),
                "printStackTrace prints one line");
        assertTrue(consoleLine(e).startsWith("gogo: CommandException: "));
        return e;
    }

    /** The line the interactive console of org.apache.felix.gogo.shell 1.1 prints for a failure. */
    static String consoleLine(Exception e) {
        return "gogo: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The session, for tests that run lines on threads of their own. */
    CommandSession session() {
        return session;
    }

    /** Everything commands wrote to the session's console themselves. */
    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        session.close();
        threadIO.stop();
    }
}
