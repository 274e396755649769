package dev.skeleton.storage.multistore.dump;

import dev.skeleton.storage.multistore.files.DurableFiles;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a dump file (format of {@code DUMP-FORMAT.md}) as a stream: entries go out one at a time,
 * in strictly ascending unsigned key order, through 64 KiB buffers, so memory stays constant
 * whatever the size of the dump. The trailer's content hash is computed from the entries as they
 * are written, or given by a caller that knows it already ({@link #create(Path, String, String,
 * boolean, byte[])}), which saves 17 SHA-256 blocks an entry.
 *
 * <h2>Files</h2>
 * Everything is written to the sibling file {@code <name>.partial}; {@link #finish()} writes the
 * end frame and the trailer, patches the entry count into the header (a placeholder until then,
 * whose checksum no reader accepts), forces the file to disk and renames it over {@code file}
 * atomically, replacing an existing dump only then, and forces the directory where the platform
 * allows. Until then {@code file} is untouched. {@link #close()} without {@link #finish()}, and
 * any failure of {@link #write} or {@link #finish()}, delete the partial file: a writer leaves a
 * complete dump or nothing. The partial file is claimed (in this process) and locked (against
 * others) while it is written, so a second writer of the same dump fails at once with
 * {@link ErrorCode#IO} instead of writing over the first; a partial file left by a crash is
 * simply overwritten.
 *
 * <h2>Errors</h2>
 * {@link StorageException}: {@link ErrorCode#IO} naming the file for a failing disk or an
 * interrupted thread; {@link ErrorCode#INVALID_ARGUMENT} for a null argument, a name longer than
 * 65535 UTF-8 bytes or a key out of order; {@link ErrorCode#UNSUPPORTED} for a key or value above
 * 256 MiB. After any of them the writer is closed. Calling a writer that is finished or closed
 * is a programming error: {@link IllegalStateException}.
 *
 * <p>Not thread-safe: one thread writes a dump.
 */
public final class DumpWriter implements AutoCloseable {

    private enum State { OPEN, FINISHED, CLOSED }

    /**
     * The partial files this process is writing. A second channel to a file locked by this process
     * must never be opened: on Linux, closing any channel to a file drops every lock the process
     * holds on it, so the second writer's failure would unlock the first writer's file.
     */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path partial;
    private final DumpErrors errors;
    private final DumpHeader started;
    private final FileChannel channel;
    private final FileLock lock;
    private final BodyOutput body;
    private final FrameWriter frames;
    private State state = State.OPEN;

    private DumpWriter(Path file, Path partial, DumpHeader started, FileChannel channel, FileLock lock,
            byte[] contentHash) {
        this.file = file;
        this.partial = partial;
        this.errors = new DumpErrors(file);
        this.started = started;
        this.channel = channel;
        this.lock = lock;
        this.body = new BodyOutput(Channels.newOutputStream(channel), started.compressed());
        this.frames = new FrameWriter(body.frames(), errors, contentHash);
    }

    /**
     * Starts a dump: creates {@code <file name>.partial} beside {@code file} and writes the header.
     *
     * @param file      where the finished dump goes; its directory must exist
     * @param storeName the name of the store the dump is taken from, for the header
     * @param engine    the engine that store is on, for the header
     * @param compress  whether to deflate the body
     * @return the writer; close it (try-with-resources), after {@link #finish()} or instead of it
     * @throws StorageException INVALID_ARGUMENT for a null argument or a name above 65535 UTF-8
     *         bytes; IO if the partial file cannot be written or another writer holds it
     */
    public static DumpWriter create(Path file, String storeName, String engine, boolean compress) {
        return create(file, storeName, engine, compress, null);
    }

    /**
     * Starts a dump of entries whose content hash the caller knows already (an engine keeps it up
     * to date): the writer then does not hash the entries, 17 SHA-256 blocks each, and writes the
     * given hash into the trailer. The caller vouches for it: readers check the trailer against
     * the entries, so a dump written with a wrong hash is refused by every verification and
     * import.
     *
     * @param file        where the finished dump goes; its directory must exist
     * @param storeName   the name of the store the dump is taken from, for the header
     * @param engine      the engine that store is on, for the header
     * @param compress    whether to deflate the body
     * @param contentHash the content hash of exactly the entries that will be written (32 bytes),
     *                    or null to compute it from them
     * @return the writer; close it (try-with-resources), after {@link #finish()} or instead of it
     * @throws StorageException as {@link #create(Path, String, String, boolean)}, and
     *         INVALID_ARGUMENT for a hash that is not 32 bytes
     */
    public static DumpWriter create(Path file, String storeName, String engine, boolean compress,
            byte[] contentHash) {
        checkArguments(file, storeName, engine);
        checkHash(file, contentHash);
        DumpErrors errors = new DumpErrors(file);
        Path partial = file.resolveSibling(file.getFileName() + DumpFormat.PARTIAL_SUFFIX);
        Path claim = partial.toAbsolutePath().normalize();
        if (!WRITING.add(claim)) {
            throw errors.io("write", new IOException("another writer in this process is writing " + partial));
        }
        try {
            return start(file, partial, new DumpHeader(DumpFormat.VERSION, storeName, engine, -1, compress), errors,
                    contentHash);
        } catch (RuntimeException e) {
            WRITING.remove(claim);
            throw e;
        }
    }

    /** Opens, locks and empties the partial file, and writes the placeholder header. */
    private static DumpWriter start(Path file, Path partial, DumpHeader started, DumpErrors errors,
            byte[] contentHash) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockOrFail(channel, partial);
            try {
                channel.truncate(0);
                writeFully(channel, HeaderCodec.encode(started, true), 0);
                channel.position(channel.size());
                return new DumpWriter(file, partial, started, channel, lock, contentHash);
            } catch (IOException | RuntimeException e) {
                // The partial file is ours (we hold its lock): remove it before letting go.
                Files.deleteIfExists(partial);
                throw e;
            }
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw errors.io("write", e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /**
     * Appends an entry.
     *
     * @param key   the key, above the previous entry's key in unsigned order; empty is valid
     * @param value the value; empty is valid
     * @throws StorageException INVALID_ARGUMENT for a null or out-of-order key or a null value;
     *         UNSUPPORTED for a key or value above 256 MiB; IO if the file cannot be written. The
     *         partial file is then deleted and the writer closed.
     * @throws IllegalStateException if the writer is finished or closed
     */
    public void write(byte[] key, byte[] value) {
        requireOpen();
        try {
            frames.check(key, value);
            frames.write(key, value);
        } catch (IOException e) {
            throw abort(errors.io("write", e));
        } catch (RuntimeException e) {
            throw abort(e);
        }
    }

    /**
     * Entries written so far.
     *
     * @return the count
     */
    public long entries() {
        return frames.entries();
    }

    /**
     * Bytes of keys and values written so far (before compression, without framing).
     *
     * @return the bytes
     */
    public long bytes() {
        return frames.bytes();
    }

    /**
     * Completes the dump: end frame, trailer, entry count in the header, force, atomic rename to
     * the dump's name (replacing an existing file), force of the directory where the platform
     * allows. The writer is then finished; {@link #close()} does nothing more.
     *
     * @return what the dump holds
     * @throws StorageException IO if the file cannot be completed; the partial file is then
     *         deleted, the writer closed and an existing dump of that name untouched
     * @throws IllegalStateException if the writer is finished or closed
     */
    public DumpSummary finish() {
        requireOpen();
        try {
            byte[] hash = frames.writeEnd();
            body.finish();
            DumpHeader header = new DumpHeader(started.formatVersion(), started.storeName(), started.engine(),
                    frames.entries(), started.compressed());
            writeFully(channel, HeaderCodec.encode(header, false), 0);
            channel.force(true);
            DurableFiles.moveAtomically(partial, file, true);
            state = State.FINISHED;
            release();
            // The dump is complete and in place by now: a directory that cannot be forced does not fail it.
            DurableFiles.forceDirectory(file.toAbsolutePath().getParent());
            return new DumpSummary(header, frames.entries(), frames.bytes(), hash);
        } catch (IOException e) {
            throw abort(errors.io("write", e));
        } catch (RuntimeException e) {
            throw abort(e);
        }
    }

    /**
     * Deletes the partial file unless {@link #finish()} completed; idempotent.
     *
     * @throws StorageException IO if the partial file cannot be deleted
     */
    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        StorageException failure = cleanUp();
        if (failure != null) {
            throw failure;
        }
    }

    /** Gives up the dump after {@code cause}: the partial file is deleted and the writer closed. */
    private RuntimeException abort(RuntimeException cause) {
        StorageException failure = cleanUp();
        if (failure != null) {
            cause.addSuppressed(failure);
        }
        return cause;
    }

    /**
     * Closes the writer and deletes the partial file.
     *
     * @return what went wrong doing so, or null
     */
    private StorageException cleanUp() {
        state = State.CLOSED;
        StorageException failure = null;
        try {
            // Deleted while still locked, so that it is never another writer's file we delete.
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            failure = errors.io("delete the partial file of", e);
        }
        try {
            release();
        } catch (IOException e) {
            failure = failure != null ? failure : errors.io("close", e);
        }
        return failure;
    }

    /** Frees the deflater, the lock, the file and the claim on the partial file's name. */
    private void release() throws IOException {
        body.release();
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                WRITING.remove(partial.toAbsolutePath().normalize());
            }
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the writer of dump " + file + " is " + state.name().toLowerCase());
        }
    }

    private static void checkArguments(Path file, String storeName, String engine) {
        if (file == null || file.getFileName() == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "a dump needs a file name, got " + file);
        }
        checkName(file, "store name", storeName);
        checkName(file, "engine name", engine);
    }

    private static void checkHash(Path file, byte[] contentHash) {
        if (contentHash != null && contentHash.length != DumpFormat.HASH_BYTES) {
            throw new DumpErrors(file).invalid("a content hash has " + DumpFormat.HASH_BYTES + " bytes, not "
                    + contentHash.length);
        }
    }

    private static void checkName(Path file, String what, String name) {
        if (name == null) {
            throw new DumpErrors(file).invalid("the " + what + " must not be null");
        }
        int length = name.getBytes(StandardCharsets.UTF_8).length;
        if (length > DumpFormat.MAX_NAME_BYTES) {
            throw new DumpErrors(file).invalid("the " + what + " has " + length + " UTF-8 bytes; a dump holds at most "
                    + DumpFormat.MAX_NAME_BYTES);
        }
    }

    private static FileLock lockOrFail(FileChannel channel, Path partial) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // WRITING keeps this process's writers apart; this is a last line
        }
        if (lock == null) {
            throw new IOException("another process is writing " + partial);
        }
        return lock;
    }

    private static void writeFully(FileChannel channel, byte[] bytes, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }


    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
