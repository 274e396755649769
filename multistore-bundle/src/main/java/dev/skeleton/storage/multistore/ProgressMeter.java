package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferProgress;
import java.time.Duration;

/**
 * Counts what a transfer has done and tells its {@link TransferListener}, about once per
 * {@value #ENTRIES_PER_REPORT} entries or {@value #BYTES_PER_REPORT} bytes; at each report it also
 * checks whether the transfer was asked to stop (its thread interrupted). A listener's failure
 * stops the transfer: it comes back as a StorageException (IO around anything else). Not
 * thread-safe: one transfer, one thread.
 */
final class ProgressMeter {

    static final int ENTRIES_PER_REPORT = 65_536;
    static final long BYTES_PER_REPORT = 16L << 20;

    private final String what;
    private final String storeName;
    private final TransferListener listener;
    private final long started = System.nanoTime();
    private long expected;
    private long entries;
    private long bytes;
    private long nextEntries = ENTRIES_PER_REPORT;
    private long nextBytes = BYTES_PER_REPORT;
    private long checks;

    /**
     * @param what      the transfer, for messages ("export of store users")
     * @param storeName the store, for the listener
     * @param expected  entries in all, or -1 if not known
     * @param listener  the listener
     */
    ProgressMeter(String what, String storeName, long expected, TransferListener listener) {
        this.what = what;
        this.storeName = storeName;
        this.expected = expected;
        this.listener = listener;
    }

    /** One entry of {@code size} bytes is done. */
    void add(long size) {
        entries++;
        bytes += size;
        if (entries >= nextEntries || bytes >= nextBytes) {
            nextEntries = entries + ENTRIES_PER_REPORT;
            nextBytes = bytes + BYTES_PER_REPORT;
            report();
        }
    }

    /** Sets the number of entries in all, once it is known. */
    void expect(long total) {
        expected = total;
    }

    /** Tells the listener where the transfer stands, and stops it if it was asked to. */
    void report() {
        checkStop();
        try {
            listener.progress(new TransferProgress(storeName, entries, expected, bytes, elapsed()));
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StorageException(ErrorCode.IO, what + " was stopped by its progress listener: " + e, e);
        }
    }

    /**
     * Stops the transfer if its thread was interrupted. The interrupt is cleared while the transfer
     * undoes what it made (file channels and engines refuse to work on an interrupted thread) and
     * set again when it returns (see {@link #keepingInterrupt}).
     */
    void checkStop() {
        if (Thread.interrupted()) {
            throw new StorageException(ErrorCode.IO, what + " was interrupted", new InterruptedException());
        }
    }

    /**
     * Runs a transfer and, if it stopped because its thread was interrupted, interrupts the thread
     * again once everything is undone, so that the caller still sees the interrupt.
     */
    static <T> T keepingInterrupt(java.util.function.Supplier<T> transfer) {
        try {
            return transfer.get();
        } catch (StorageException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /** For passes that report nothing: checks for a stop every {@value #ENTRIES_PER_REPORT} calls. */
    void checkStopEvery() {
        if (++checks % ENTRIES_PER_REPORT == 0) {
            checkStop();
        }
    }

    long entries() {
        return entries;
    }

    long bytes() {
        return bytes;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
