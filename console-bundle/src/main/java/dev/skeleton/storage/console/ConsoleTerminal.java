package dev.skeleton.storage.console;

import java.io.IOException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The JLine terminal of the console: the process's own terminal, when standard input is one, else a
 * dumb terminal over standard input and output (a pipe, a file: lines are read and run as they
 * come, without editing).
 *
 * <h2>Terminal providers inside OSGi</h2>
 * JLine 3.26 finds its terminal providers through the thread's context class loader only; the
 * threads of an OSGi framework have the launcher's, which does not see the JLine bundle, and every
 * provider would fail (JLine then falls back to a dumb terminal with a warning: the reason Gogo's
 * own JLine bundle activator cannot be used here). The terminal is therefore built with the JLine
 * bundle's class loader as context class loader.
 *
 * <p>Of JLine's providers, {@code exec} comes first: it runs {@code stty} (and {@code test},
 * {@code tty}) and needs nothing else, so it works on any Unix-like system and on every Java
 * version without warnings; {@code jni}, whose native library JLine's jar carries for Linux, macOS
 * and Windows, is the fallback (on Windows the only one). The others need jars that are not in the
 * platform ({@code jansi}, {@code jna}) or Java 22 and a JVM option ({@code ffm}). The system
 * property {@code org.jline.terminal.providers} chooses another order.
 *
 * <p>Signals: the terminal starts with the JVM's default handling; the shell then takes Ctrl-C
 * (the line being typed is dropped, or the running command interrupted) and Ctrl-Z.
 */
final class ConsoleTerminal {

    /** The providers tried, in order, unless the system property says otherwise. */
    static final String PROVIDERS = "exec,jni";
    /** The size assumed when the terminal tells none (a pseudo-terminal nobody sized). */
    static final Size DEFAULT_SIZE = new Size(80, 24);

    private ConsoleTerminal() {
    }

    /**
     * Opens the terminal of the process.
     *
     * @return the terminal; closing it gives the terminal back as it was
     * @throws IOException if no terminal, not even a dumb one, can be opened
     */
    static Terminal system() throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TerminalBuilder.class.getClassLoader());
        try {
            return sized(TerminalBuilder.builder()
                    .name("skeleton")
                    .system(true)
                    .nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_DFL)
                    .ffm(false)
                    .jansi(false)
                    .jna(false)
                    .providers(System.getProperty(TerminalBuilder.PROP_PROVIDERS, PROVIDERS))
                    // Standard input is no terminal: a dumb one, without JLine's warning about it.
                    .dumb(true)
                    .build());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Gives a terminal without a size one, so that the line reader has columns to lay lines out in.
     *
     * @param terminal the terminal
     * @return the same terminal
     */
    static Terminal sized(Terminal terminal) {
        Size size = terminal.getSize();
        if (size.getColumns() <= 0 || size.getRows() <= 0) {
            terminal.setSize(DEFAULT_SIZE);
        }
        return terminal;
    }
}
