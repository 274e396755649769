package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.TransferProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The progress lines on a clock of the test's own, and stopping by interrupt. */
class ProgressPrinterTest {

    private static final long MS = 1_000_000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long now = 1_000 * MS;
    private final ProgressPrinter printer = new ProgressPrinter(new PrintStream(out, true, StandardCharsets.UTF_8),
            "export", () -> now);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void nothingIsPrintedBeforeHalfASecond() {
        now += 499 * MS;
        printer.progress(progress(1));
        printer.finish();

        assertEquals("", printed(), "a short transfer prints no progress at all");
    }

    @Test
    void atMostOneLineEveryHalfSecond() {
        now += 500 * MS;
        printer.progress(progress(10));
        now += 300 * MS;
        printer.progress(progress(20));
        now += 200 * MS;
        printer.progress(progress(30));

        assertEquals("\r" + line(10) + "\r" + line(30), printed());
    }

    @Test
    void aShorterLineIsPaddedOverTheLongerOneBefore() {
        now += 500 * MS;
        printer.progress(new TransferProgress("users", 1_000_000, -1, 0, Duration.ofSeconds(1)));
        String first = "export users: 1,000,000 entries, 0 B, 1,000,000/s";
        now += 500 * MS;
        printer.progress(new TransferProgress("users", 1, -1, 0, Duration.ofSeconds(1)));
        String second = "export users: 1 entry, 0 B, 1/s";

        assertEquals("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()), printed());
    }

    @Test
    void finishBlanksTheLineOnce() {
        now += 500 * MS;
        printer.progress(progress(10));
        out.reset();
        printer.finish();
        printer.finish();

        assertEquals("\r" + " ".repeat(line(10).length()) + "\r", printed());
    }

    @Test
    void tellWritesALineThatStaysOverTheProgressLine() {
        now += 500 * MS;
        printer.progress(progress(10));
        out.reset();
        printer.tell("store: IO: stopped");
        printer.finish();

        assertEquals("\rstore: IO: stopped" + " ".repeat(line(10).length() - 18) + System.lineSeparator(), printed(),
                "padded over the progress line; finish has nothing left to blank");
    }

    @Test
    void anInterruptedThreadStopsTheTransfer() {
        Thread.currentThread().interrupt();
        now += 500 * MS;

        StorageException e = assertThrows(StorageException.class, () -> printer.progress(progress(10)));

        assertEquals(ErrorCode.IO, e.code());
        assertEquals(ProgressPrinter.INTERRUPTED, e.getMessage());
        assertTrue(printer.stopped());
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set");
        assertEquals("", printed(), "no progress once stopped");
    }

    @Test
    void notStoppedWithoutAnInterrupt() {
        printer.progress(progress(10));
        assertFalse(printer.stopped());
    }

    private static TransferProgress progress(long entries) {
        return new TransferProgress("users", entries, 100, entries * 10, Duration.ofSeconds(1));
    }

    private static String line(long entries) {
        return TransferFormat.progress("export", progress(entries));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
