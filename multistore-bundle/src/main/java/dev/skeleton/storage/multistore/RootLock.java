package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that makes a root directory belong to one multistore at a time: an operating-system
 * lock ({@link FileChannel#tryLock()}) on {@code <root>/}{@value #FILE_NAME}, taken when the
 * multistore is made and held until it is closed.
 *
 * <p>Two multistores on one root would each rewrite the catalog from what they know, and a store
 * the one creates would vanish from the catalog when the other writes it. So a second multistore,
 * in another process or in this one (the JVM refuses an overlapping lock), fails at once with
 * {@link ErrorCode#STORE_EXISTS}, the code the file engine uses for a store "open elsewhere"; it
 * never waits and never touches the root's files. The operating system drops the lock when the
 * process dies, so a crash leaves no stale lock. The holder writes its process id into the file,
 * which the refusal quotes where the platform lets it be read.
 *
 * <p>The name starts with a dot, which no store name can, so no store can take it. (The runtime
 * locks {@code .platform.lock} in its data folder on its own; the two locks are independent.)
 *
 * <p>Thread safety: made once, closed once by its owner; {@link #close()} is idempotent.
 */
final class RootLock implements AutoCloseable {

    /** The lock file's name under the root. */
    static final String FILE_NAME = ".multistore.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RootLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the root if needed and takes its lock.
     *
     * @param root the multistore's root directory
     * @return the held lock
     * @throws StorageException {@link ErrorCode#STORE_EXISTS} if another multistore holds it;
     *         {@link ErrorCode#IO} if the root or the lock file cannot be created or locked
     */
    static RootLock acquire(Path root) {
        Path file = root.resolve(FILE_NAME);
        FileChannel channel;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot open the lock file " + file + " of multistore root "
                    + root + ": " + e, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                writeOwner(channel);
                return new RootLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // Held by another multistore in this JVM: the same answer as for another process.
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException(ErrorCode.IO, "cannot lock " + file + " of multistore root " + root + ": " + e, e);
        }
        String owner = owner(channel);
        closeQuietly(channel);
        throw new StorageException(ErrorCode.STORE_EXISTS, "multistore root " + root
                + " is in use: another multistore uses it (" + owner + "holds " + file
                + "); one root serves one multistore at a time");
    }

    /** Records who holds the lock, for the message of whoever is refused; the lock stands without it. */
    private static void writeOwner(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(StandardCharsets.US_ASCII.encode(ProcessHandle.current().pid() + "\n"), 0);
        } catch (IOException e) {
            // Only diagnostics are lost.
        }
    }

    /** "process 123 " as the holder wrote it, or "" where the file cannot be read while locked. */
    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(24);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]+") ? "process " + text + " " : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock; idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // The operating system drops the lock with the channel; nothing else was written.
        }
    }
}
