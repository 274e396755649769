package dev.skeleton.storage.multistore.dump;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a dump file (format of {@code DUMP-FORMAT.md}) as a stream, checking it as it goes:
 * {@link #open} reads and checks the header; each {@link #next()} reads one entry and checks its
 * frame; the {@link #next()} that returns false has checked the trailer (entry count and content
 * hash) and that the file ends there. One entry is in memory at a time, through a 64 KiB buffer,
 * whatever the size of the dump.
 *
 * <p>Entries come before the whole dump is verified: a consumer that must not act on a damaged
 * dump reads it through once to the end (or keeps what it made undoable) before trusting it.
 *
 * <h2>Errors</h2>
 * {@link StorageException}: {@link ErrorCode#CORRUPTED} for a file that is not a dump, of another
 * format version, truncated or damaged, with a one-line message naming the file and the first
 * problem found; {@link ErrorCode#IO} naming the file when it cannot be read (or the thread was
 * interrupted). After a failure, {@link #next()} throws the same exception again. Calls out of
 * order ({@link #key()} before {@link #next()}, {@link #summary()} before the end, anything after
 * {@link #close()}) are programming errors: {@link IllegalStateException}.
 *
 * <p>Not thread-safe: one thread reads a dump.
 */
public final class DumpReader implements AutoCloseable {

    private final DumpErrors errors;
    private final InputStream in;
    private final DumpHeader header;
    private final BodyInput body;
    private final FrameReader frames;
    private boolean current;
    private DumpSummary summary;
    private StorageException failure;
    private boolean closed;

    private DumpReader(DumpErrors errors, InputStream in, HeaderCodec.Read read, boolean recomputeHash) {
        this.errors = errors;
        this.in = in;
        this.header = read.header();
        this.body = header.compressed() ? new InflatingBodyInput(in, errors, read.length())
                : new PlainBodyInput(in, errors);
        this.frames = new FrameReader(body, errors, header, read.length(), recomputeHash);
    }

    /**
     * Opens a dump and checks its header.
     *
     * @param file the dump file
     * @return the reader, positioned before the first entry; close it
     * @throws StorageException CORRUPTED if the file is no dump, of another format version, or its
     *         header is cut short or damaged; IO if it cannot be read; INVALID_ARGUMENT for null
     */
    public static DumpReader open(Path file) {
        return open(file, true);
    }

    /**
     * Opens a dump and checks its header; without {@code recomputeHash} the reader checks every
     * checksum, the order and the counts but does not compute the content hash (17 SHA-256 blocks
     * an entry): {@link #summary()} then gives the trailer's hash, which the caller must check
     * itself. An import does: it compares it with the hash of the store it made, read back, so that
     * one hash computation checks both the dump and the store.
     *
     * @param file          the dump file
     * @param recomputeHash whether to compute the content hash and check it against the trailer
     * @return the reader, positioned before the first entry; close it
     * @throws StorageException as {@link #open(Path)}
     */
    public static DumpReader open(Path file, boolean recomputeHash) {
        if (file == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "a dump file must not be null");
        }
        DumpErrors errors = new DumpErrors(file);
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), DumpFormat.BUFFER_BYTES);
            return new DumpReader(errors, in, HeaderCodec.read(in, errors), recomputeHash);
        } catch (IOException e) {
            throw closeAfter(in, errors.io("read", e));
        } catch (RuntimeException e) {
            throw closeAfter(in, e);
        }
    }

    /**
     * The header, as read and checked by {@link #open}. Its entry count is checked against the
     * frames only at the end.
     *
     * @return the header
     */
    public DumpHeader header() {
        return header;
    }

    /**
     * Moves to the next entry.
     *
     * @return true if there is one, in {@link #key()} and {@link #value()}; false at the end, once
     *         the trailer and the end of the file are checked (and on every call after that)
     * @throws StorageException CORRUPTED naming the problem and where; IO if the file cannot be
     *         read
     * @throws IllegalStateException after {@link #close()}
     */
    public boolean next() {
        requireOpen();
        if (failure != null) {
            throw failure;
        }
        if (summary != null) {
            return false;
        }
        try {
            current = frames.next();
            if (!current) {
                summary = new DumpSummary(header, frames.entries(), frames.bytes(), frames.hash());
            }
            return current;
        } catch (IOException e) {
            throw fail(errors.io("read", e));
        } catch (StorageException e) {
            throw fail(e);
        }
    }

    /**
     * The current entry's key.
     *
     * @return the key; the array is the caller's
     * @throws IllegalStateException unless the last {@link #next()} returned true
     */
    public byte[] key() {
        requireCurrent();
        return frames.key();
    }

    /**
     * The current entry's value.
     *
     * @return the value; the array is the caller's
     * @throws IllegalStateException unless the last {@link #next()} returned true
     */
    public byte[] value() {
        requireCurrent();
        return frames.value();
    }

    /**
     * Entries read so far.
     *
     * @return the count
     */
    public long entries() {
        return frames.entries();
    }

    /**
     * Bytes of keys and values read so far.
     *
     * @return the bytes
     */
    public long bytes() {
        return frames.bytes();
    }

    /**
     * The whole dump, once {@link #next()} returned false: every check passed.
     *
     * @return the summary
     * @throws IllegalStateException before the end
     */
    public DumpSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("dump " + errors.file() + " has not been read to its end");
        }
        return summary;
    }

    /**
     * Closes the file; idempotent.
     *
     * @throws StorageException IO if the file cannot be closed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        current = false;
        body.release();
        try {
            in.close();
        } catch (IOException e) {
            throw errors.io("close", e);
        }
    }

    private StorageException fail(StorageException e) {
        failure = e;
        current = false;
        return e;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the reader of dump " + errors.file() + " is closed");
        }
    }

    private void requireCurrent() {
        requireOpen();
        if (!current) {
            throw new IllegalStateException("no current entry in dump " + errors.file() + ": call next() first");
        }
    }

    private static RuntimeException closeAfter(InputStream in, RuntimeException failure) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }
}
