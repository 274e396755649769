package dev.skeleton.storage.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;

/**
 * The interactive console: Gogo's JLine shell ({@code gosh}) reading lines from a terminal on a
 * thread of its own, with line editing, history, completion and job control, until the end of its
 * input (Ctrl-D), which stops the framework, or until it is closed (the framework stopping, by
 * {@code stop 0} or otherwise).
 *
 * <h2>Why the lines do not pile up</h2>
 * Gogo keeps every job started while another job runs as a child of that job, for as long as the
 * parent lives (the {@code children} of its {@code JobImpl}, with each child's pipes and their
 * streams, about 50 KB a line). The Gogo console this replaces ran its loop inside a job of its
 * own ({@code session.execute("gosh --login ...")}), so every line of a session stayed in memory.
 * Here the loop is a plain Java call on a plain thread: each line is a job with no parent, which
 * Gogo forgets as soon as it is done.
 *
 * <h2>The session</h2>
 * Its variables, set before the shell starts: {@code .terminal}; JLine's {@code history-file}
 * (the shell runs with {@code --nohistory}, which only keeps it from pointing the history at
 * {@code ~/.gogo.history}), created readable by its owner alone (see {@link HistoryFile}); and the Gogo functions the profile and the person use (completion,
 * {@code help}). The shell runs the profile
 * {@code ext/gosh_profile} of the console bundle ({@code --login}): prompt, command scope,
 * completions.
 *
 * <p>Thread safety: {@link #start} and {@link #close} are called by the console bundle's activator
 * under its lock; the console thread only reads the final fields and {@link #closing}.
 */
final class Console implements AutoCloseable {

    /** How long {@link #close} waits for the console thread. */
    private static final long CLOSE_MILLIS = 5_000;

    private final Terminal terminal;
    private final Shell shell;
    private final Thread thread;
    private volatile boolean closing;

    private Console(Terminal terminal, Shell shell, CommandSession session, Runnable atEndOfInput) {
        this.terminal = terminal;
        this.shell = shell;
        this.thread = new Thread(() -> run(session, atEndOfInput), "skeleton-console");
        this.thread.setDaemon(true);
    }

    /**
     * Opens a console session and starts reading.
     *
     * @param processor    the command processor
     * @param shell        Gogo's JLine shell
     * @param terminal     the terminal to read from and write to; the console closes it
     * @param settings     the history file
     * @param functions    Gogo functions for the session, by variable name
     * @param atEndOfInput what to do when the input ends (stop the framework); not run when the
     *                     console is closed
     * @return the running console
     */
    static Console start(CommandProcessor processor, Shell shell, Terminal terminal, ConsoleSettings settings,
                         Map<String, Object> functions, Runnable atEndOfInput) {
        CommandSession session = processor.createSession(terminal.input(), terminal.output(), terminal.output());
        session.put(Shell.VAR_TERMINAL, terminal);
        settings.history().ifPresent(file -> {
            keepPrivate(file);
            session.put(LineReader.HISTORY_FILE, file);
        });
        functions.forEach(session::put);
        Console console = new Console(terminal, shell, session, atEndOfInput);
        console.thread.start();
        return console;
    }

    /** The history stays owner-only (see {@link HistoryFile}); if that fails, the console says so and goes on. */
    private static void keepPrivate(Path file) {
        try {
            HistoryFile.makePrivate(file);
        } catch (IOException | RuntimeException e) {
            System.err.println("skeleton: warning: the console history " + file + " may be readable by others: " + e);
        }
    }

    private void run(CommandSession session, Runnable atEndOfInput) {
        try {
            shell.gosh(session, new String[] {"--login", "--noshutdown", "--nohistory"});
        } catch (Exception | Error e) {
            if (!closing) {
                System.err.println("skeleton: the console failed: " + e);
            }
        } finally {
            session.close();
        }
        if (!closing) {
            atEndOfInput.run();
        }
    }

    /**
     * Whether the console still reads.
     *
     * @return true until its input ended or it was closed
     */
    boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops reading: the terminal is closed (given back as it was) and the console thread ends.
     * The framework is not stopped.
     */
    @Override
    public void close() {
        closing = true;
        shell.stop();
        try {
            terminal.close();
        } catch (IOException e) {
            System.err.println("skeleton: the console's terminal did not close: " + e);
        }
        thread.interrupt();
        try {
            thread.join(CLOSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
