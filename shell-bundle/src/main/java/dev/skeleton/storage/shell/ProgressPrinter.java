package dev.skeleton.storage.shell;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The progress of a transfer command, shown on the shell's console while it runs, and the way to
 * stop it.
 *
 * <h2>Output</h2>
 * At most one line per {@link #INTERVAL} (the multistore reports about every 64 Ki entries, which
 * can be many times a second), the first only once a transfer has run that long: a transfer that
 * ends sooner prints nothing. Each line starts with a carriage return and is padded over the one
 * before, so a terminal shows one line that updates in place; {@link #finish()} blanks it, so that
 * what the shell prints next (the command's summary or its error) takes its place; or
 * {@link #tell(String)} replaces it with a line that stays. Progress goes
 * to the console and not into the command's result, because only the result travels through pipes
 * and variables.
 *
 * <h2>Stopping</h2>
 * Gogo stops a command (Ctrl-C) by interrupting its thread. Each report first checks the thread's
 * interrupt status and, if set, throws a {@link StorageException} with code {@link ErrorCode#IO},
 * which makes the multistore undo what it made, even in an engine that never looks at interrupts.
 * The interrupt status is left set, as found. {@link #stopped()} then tells the command that the
 * failure it receives is this stop.
 *
 * <p>Not thread-safe: one transfer reports on one thread (see {@link TransferListener}).
 */
final class ProgressPrinter implements TransferListener {

    /** The shortest time between two progress lines. */
    static final Duration INTERVAL = Duration.ofMillis(500);

    /** The message of the failure that stops a transfer whose thread was interrupted. */
    static final String INTERRUPTED = "interrupted";

    private final PrintStream console;
    private final String verb;
    private final LongSupplier nanoClock;
    private long lastLine;
    private int shownWidth;
    private boolean stopped;

    /**
     * A printer on the real clock.
     *
     * @param console where the lines go
     * @param verb    what the transfer does, first word of each line: {@code export}, {@code import} …
     */
    ProgressPrinter(PrintStream console, String verb) {
        this(console, verb, System::nanoTime);
    }

    /**
     * A printer on a given clock.
     *
     * @param console   where the lines go
     * @param verb      what the transfer does
     * @param nanoClock the time in nanoseconds, as {@link System#nanoTime()}
     */
    ProgressPrinter(PrintStream console, String verb, LongSupplier nanoClock) {
        this.console = console;
        this.verb = verb;
        this.nanoClock = nanoClock;
        this.lastLine = nanoClock.getAsLong();
    }

    /**
     * Shows the progress if the last line is old enough; stops the transfer if the thread was
     * interrupted.
     *
     * @param progress how far the transfer has come
     * @throws StorageException {@link ErrorCode#IO} "interrupted" if the current thread is
     *         interrupted
     */
    @Override
    public void progress(TransferProgress progress) {
        if (Thread.currentThread().isInterrupted()) {
            stopped = true;
            throw new StorageException(ErrorCode.IO, INTERRUPTED);
        }
        long now = nanoClock.getAsLong();
        if (now - lastLine < INTERVAL.toNanos()) {
            return;
        }
        lastLine = now;
        show(TransferFormat.progress(verb, progress));
    }

    /**
     * Writes a line of its own in place of the progress line, and a line break after it: how a
     * stopped transfer tells what it left behind where the shell will not (see
     * {@link SessionConsole}). It starts with a carriage return, so it also writes over a prompt
     * the shell printed meanwhile.
     *
     * @param line the line
     */
    void tell(String line) {
        String padding = " ".repeat(Math.max(0, shownWidth - line.length()));
        console.print("\r" + line + padding + System.lineSeparator());
        console.flush();
        shownWidth = 0;
    }

    /** Blanks the progress line, if one is shown, and leaves the cursor at its start. */
    void finish() {
        if (shownWidth > 0) {
            console.print("\r" + " ".repeat(shownWidth) + "\r");
            console.flush();
            shownWidth = 0;
        }
    }

    /**
     * Whether this printer stopped the transfer because its thread was interrupted.
     *
     * @return true once a report found the thread interrupted
     */
    boolean stopped() {
        return stopped;
    }

    private void show(String line) {
        String padding = " ".repeat(Math.max(0, shownWidth - line.length()));
        console.print("\r" + line + padding);
        console.flush();
        shownWidth = line.length();
    }
}
