package dev.skeleton.storage.file;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock that makes a store directory belong to one open store at a time: an
 * operating-system lock ({@link FileChannel#tryLock()}) on {@code store.lock}, held from open to
 * close.
 *
 * <p>It stops a second process, and a second engine instance in the same process (the JVM refuses
 * an overlapping lock), from opening the same store: that attempt fails at once with
 * {@link ErrorCode#STORE_EXISTS} ("open elsewhere"), never waits, and never touches the files.
 * The operating system drops the lock when the process dies, so a crash leaves no stale lock.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a store directory, creating the lock file if needed.
     *
     * @param files     the store's files
     * @param storeName the store's name, for messages
     * @return the held lock
     * @throws StorageException {@link ErrorCode#STORE_EXISTS} if another process or engine holds
     *         it; {@link ErrorCode#IO} if the lock file cannot be opened
     */
    static DirectoryLock acquire(StoreFiles files, String storeName) {
        Path path = files.file(StoreFiles.LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw StoreFiles.ioFailure(storeName, "opening the lock file " + path, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DirectoryLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // Held by another engine instance in this JVM: the same answer as another process.
        } catch (IOException e) {
            closeQuietly(channel);
            throw StoreFiles.ioFailure(storeName, "locking " + path, e);
        }
        closeQuietly(channel);
        throw new StorageException(ErrorCode.STORE_EXISTS, "store " + storeName + " at " + files.directory()
                + " is open elsewhere (another process or engine holds " + path + ")");
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
            // Nothing was written through it; the operating system drops the lock with the channel.
        }
    }
}
