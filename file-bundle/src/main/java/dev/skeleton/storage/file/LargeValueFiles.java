package dev.skeleton.storage.file;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The value files of a store: each value of at least the large-value threshold lives in a file of
 * its own, {@code value-N}, written once and never changed, and the in-memory index holds only a
 * {@link StoredValue.Large} reference to it.
 *
 * <h2>Why</h2>
 * A large value then costs the heap nothing while it is stored, checkpoints and version files
 * refer to it by number instead of copying it, and reading it back allocates exactly the array
 * handed to the caller. Reads and writes go through the file channel in 256 KiB pieces, which
 * keeps the JDK's temporary direct buffers small.
 *
 * <h2>Writing at disk speed</h2>
 * An uncompressed value is written straight from the caller's array into its file: that write is
 * the copy the contract asks for, and the array is not read again once {@link #write} has written
 * it. Its CRC32C and content-hash seed are computed meanwhile by a {@link ReadBackChecksum} on a
 * second thread, from the file read back behind the writer and while the writer forces it, so
 * they describe exactly the bytes stored (a caller changing its array during the call cannot make
 * them disagree) and hashing costs no time of its own unless it is slower than the disk. A
 * compressed value is copied piece by piece into a buffer that feeds the checksum, the seed and
 * the deflater, for the same reason.
 *
 * <h2>Durability</h2>
 * With {@code sync=always} a value file and the directory are forced before the reference to it is
 * logged. With {@code sync=interval} the files written since the last sync are forced by
 * {@link #syncPending()}, which the log calls before it forces itself, so a durable log record
 * never refers to a value file that is not. Files are deleted only by the store's collector of
 * unreferenced values.
 *
 * <p>Thread-safe: numbers are handed out under a lock, and files are never shared while written.
 */
final class LargeValueFiles {

    private static final int PIECE_BYTES = 256 * 1024;

    private final StoreFiles files;
    private final String storeName;
    private final SyncMode sync;
    private final boolean compress;
    /** Guarded by {@link #inFlight}, so that a number is never seen taken but not in flight. */
    private long nextId;
    /** Numbers of files written, or being written, whose reference is not yet published or dropped. */
    private final TreeSet<Long> inFlight = new TreeSet<>();
    /** Value files written since the last sync, for {@code sync=interval}; guarded by itself. */
    private final List<Path> unsynced = new ArrayList<>();

    LargeValueFiles(StoreFiles files, String storeName, SyncMode sync, boolean compress, long nextId) {
        this.files = files;
        this.storeName = storeName;
        this.sync = sync;
        this.compress = compress;
        this.nextId = nextId;
    }

    /**
     * Every value file numbered below this is complete and its reference settled (published in the
     * store or dropped): the bound under which the collector may consider files.
     *
     * @return the bound
     */
    long collectableBelow() {
        synchronized (inFlight) {
            return inFlight.isEmpty() ? nextId : inFlight.first();
        }
    }

    /**
     * The reference to a value returned by {@link #write} was published in the store, or will never
     * be; only then may the collector consider its file.
     *
     * @param value a stored value; inline values are ignored
     */
    void settled(StoredValue value) {
        if (value instanceof StoredValue.Large large) {
            synchronized (inFlight) {
                inFlight.remove(large.id());
            }
        }
    }

    private long takeId() {
        synchronized (inFlight) {
            long id = nextId++;
            inFlight.add(id);
            return id;
        }
    }

    /**
     * Writes a value to a new value file.
     *
     * @param key   the entry's key (for the content-hash seed)
     * @param value the value; read, never kept
     * @return the reference to store in the index; in flight until {@link #settled}
     * @throws StorageException {@link ErrorCode#IO} if it cannot be written (nothing is left)
     */
    StoredValue.Large write(byte[] key, byte[] value) {
        long id = takeId();
        Path path = files.numbered(StoreFiles.VALUE, id);
        MessageDigest seed = ContentHash.seedDigest(key, value.length);
        try {
            int crc;
            long storedBytes;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                crc = compress ? writeDeflated(channel, value, seed) : writeStraight(channel, path, value, seed);
                storedBytes = channel.size();
            }
            afterWrite(path);
            return new StoredValue.Large(id, value.length, storedBytes, crc, compress, seed.digest());
        } catch (IOException e) {
            deleteQuietly(path);
            synchronized (inFlight) {
                inFlight.remove(id);
            }
            throw StoreFiles.ioFailure(storeName, "writing value file " + path, e);
        }
    }

    /**
     * Writes the value from the caller's array and forces it (with {@code sync=always}) while a
     * second thread reads it back for its checksum and seed.
     *
     * @return the CRC32C of the bytes stored
     */
    private int writeStraight(FileChannel channel, Path path, byte[] value, MessageDigest seed) throws IOException {
        ReadBackChecksum checksum = ReadBackChecksum.start(path, value.length, seed);
        boolean finished = false;
        try {
            for (int offset = 0; offset < value.length; offset += PIECE_BYTES) {
                int length = Math.min(PIECE_BYTES, value.length - offset);
                StoreFiles.writeFully(channel, ByteBuffer.wrap(value, offset, length));
                checksum.written(offset + length);
            }
            forceIfAlways(channel);
            int crc = checksum.finish();
            finished = true;
            return crc;
        } finally {
            if (!finished) {
                checksum.abandon();
            }
        }
    }

    /**
     * Writes the value deflated, each piece copied into a buffer first, and forces it (with
     * {@code sync=always}).
     *
     * @return the CRC32C of the value
     */
    private int writeDeflated(FileChannel channel, byte[] value, MessageDigest seed) throws IOException {
        CRC32C crc = new CRC32C();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            DeflaterOutputStream out =
                    new DeflaterOutputStream(Channels.newOutputStream(channel), deflater, PIECE_BYTES);
            byte[] piece = new byte[Math.min(PIECE_BYTES, Math.max(1, value.length))];
            for (int offset = 0; offset < value.length; offset += piece.length) {
                int length = Math.min(piece.length, value.length - offset);
                System.arraycopy(value, offset, piece, 0, length);
                crc.update(piece, 0, length);
                seed.update(piece, 0, length);
                out.write(piece, 0, length);
            }
            out.finish();
            out.flush();
        } finally {
            deflater.end();
        }
        forceIfAlways(channel);
        return (int) crc.getValue();
    }

    private void forceIfAlways(FileChannel channel) throws IOException {
        if (sync == SyncMode.ALWAYS) {
            channel.force(true);
        }
    }

    private void afterWrite(Path path) throws IOException {
        if (sync == SyncMode.ALWAYS) {
            files.syncDirectory();
        } else if (sync == SyncMode.INTERVAL) {
            synchronized (unsynced) {
                unsynced.add(path);
            }
        }
    }

    /**
     * Forces the value files written since the last call, and the directory; called by the log
     * before it forces itself.
     *
     * @throws IOException if forcing fails
     */
    void syncPending() throws IOException {
        List<Path> pending;
        synchronized (unsynced) {
            if (unsynced.isEmpty()) {
                return;
            }
            pending = new ArrayList<>(unsynced);
            unsynced.clear();
        }
        for (Path path : pending) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.force(true);
            } catch (NoSuchFileException e) {
                // Collected already: its reference was never committed.
            }
        }
        files.syncDirectory();
    }

    /**
     * Reads a value back, checking its length and checksum.
     *
     * @param ref the reference
     * @return a new array holding the value
     * @throws StorageException {@link ErrorCode#CORRUPTED} naming the file if it is missing or
     *         does not hold the value; {@link ErrorCode#IO} if it cannot be read
     */
    byte[] read(StoredValue.Large ref) {
        Path path = files.numbered(StoreFiles.VALUE, ref.id());
        byte[] value = new byte[ref.length()];
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() != ref.storedBytes()) {
                throw corrupted(path, "holds " + channel.size() + " bytes, " + ref.storedBytes() + " expected");
            }
            int read = ref.compressed() ? readInflated(channel, value) : readPieces(channel, value);
            if (read != value.length) {
                throw corrupted(path, "holds a value of " + read + " bytes, " + value.length + " expected");
            }
        } catch (NoSuchFileException e) {
            throw corrupted(path, "is missing");
        } catch (IOException e) {
            throw StoreFiles.ioFailure(storeName, "reading value file " + path, e);
        }
        CRC32C crc = new CRC32C();
        crc.update(value);
        if ((int) crc.getValue() != ref.crc()) {
            throw corrupted(path, "fails its checksum");
        }
        return value;
    }

    private static int readPieces(FileChannel channel, byte[] value) throws IOException {
        int offset = 0;
        while (offset < value.length) {
            int n = channel.read(ByteBuffer.wrap(value, offset, Math.min(PIECE_BYTES, value.length - offset)));
            if (n < 0) {
                break;
            }
            offset += n;
        }
        return offset;
    }

    private static int readInflated(FileChannel channel, byte[] value) throws IOException {
        Inflater inflater = new Inflater();
        try (InputStream in = new InflaterInputStream(Channels.newInputStream(channel), inflater, PIECE_BYTES)) {
            int read = in.readNBytes(value, 0, value.length);
            return read == value.length && in.read() >= 0 ? -1 : read;
        } catch (java.util.zip.ZipException e) {
            return -1;
        } finally {
            inflater.end();
        }
    }

    /**
     * Deletes a value file; a missing one is no error.
     *
     * @param id the file's number
     * @throws IOException if it exists and cannot be deleted
     */
    void delete(long id) throws IOException {
        StoreFiles.delete(files.numbered(StoreFiles.VALUE, id));
    }

    private StorageException corrupted(Path path, String what) {
        return new StorageException(ErrorCode.CORRUPTED, "store " + storeName + ": value file " + path + " " + what);
    }

    private static void deleteQuietly(Path path) {
        try {
            StoreFiles.delete(path);
        } catch (IOException e) {
            // An orphan value file is collected later; the write's own failure is what matters.
        }
    }
}
