package dev.skeleton.storage.runtime;

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
 * An exclusive lock on a folder for one platform: an operating system lock
 * ({@link FileChannel#tryLock()}) on a lock file, which holds the id of the process that has it.
 *
 * <h2>Why</h2>
 * Two platforms on one data folder harm each other: the second cleans the first one's framework
 * cache ({@code <data>/.framework}, emptied at each start), and each rewrites the catalog of the
 * stores without the other's stores. So the launcher locks the data folder before the framework
 * is created, and a second platform is refused before it touches anything.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>The data folder's lock file is {@code <data>/.platform.lock}: inside the folder it guards,
 *       so that a folder reached under two names (a link, a relative path) is still one lock. No
 *       store can be called so: store names start with a letter or digit.</li>
 *   <li>A cache folder outside the data folder ({@code --cache}) is locked too, by a lock file
 *       <em>beside</em> it, {@code <cache>.platform.lock}: the framework deletes the cache folder
 *       itself when it cleans it, and a lock file inside would be deleted with it while locked (a
 *       third platform would then lock a new file of the same name).</li>
 *   <li>The lock is the operating system's, so it goes with the process: a platform ended by
 *       {@code kill -9} leaves the file behind, unlocked, and the next platform takes it. The file
 *       is never deleted (deleting it would race with a platform that has just opened it).</li>
 *   <li>The process id written into the file is only for the message; the lock decides. A file
 *       that holds no id (a platform that has not written it yet) gives a message without one.</li>
 *   <li>A second lock of the same file in the same JVM (the tests run the launcher in-process) is
 *       refused the same way: {@link FileChannel#tryLock()} throws
 *       {@link OverlappingFileLockException} there instead of returning null.</li>
 * </ul>
 *
 * <p>Thread safety: {@link #release} may be called from any thread, once or more; the lock is
 * released by the first call.
 */
final class FolderLock implements AutoCloseable {

    /** The lock file of a folder that holds it, such as the data folder. */
    static final String FILE_NAME = ".platform.lock";

    private final Path file;
    private final FileChannel channel;

    private FolderLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Locks a folder through a lock file inside it, {@code <folder>/.platform.lock}.
     *
     * @param folder the folder, which must exist
     * @param what   what the folder is, for the message: "the data folder"
     * @return the lock, held until {@link #release} or the end of the process
     * @throws LaunchException {@link ExitStatus#START_FAILED} if another platform holds it (naming
     *         its process when the file says it) or the file cannot be written
     */
    static FolderLock inside(Path folder, String what) throws LaunchException {
        return acquire(folder.resolve(FILE_NAME), what + " " + folder);
    }

    /**
     * Locks a folder through a lock file beside it, {@code <folder>.platform.lock}: for a folder that
     * its user deletes as a whole, such as the framework's cache.
     *
     * @param folder the folder; its parent must exist
     * @param what   what the folder is, for the message: "the cache folder"
     * @return the lock
     * @throws LaunchException as {@link #inside}
     */
    static FolderLock beside(Path folder, String what) throws LaunchException {
        return acquire(folder.resolveSibling(folder.getFileName() + FILE_NAME), what + " " + folder);
    }

    private static FolderLock acquire(Path file, String what) throws LaunchException {
        FileChannel channel = open(file, what);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LaunchException(ExitStatus.START_FAILED, "cannot lock " + what + " (" + file + "): " + e, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new LaunchException(ExitStatus.START_FAILED, what + " is in use by another platform" + holder(file));
        }
        FolderLock held = new FolderLock(file, channel);
        held.writeProcessId(what);
        return held;
    }

    private static FileChannel open(Path file, String what) throws LaunchException {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "cannot lock " + what + " (" + file + "): " + e, e);
        }
    }

    /** " (process 1234)" as the lock file says, or nothing when it says nothing readable. */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            return pid.matches("\\d{1,19}") ? " (process " + pid + ")" : "";
        } catch (IOException | RuntimeException e) {
            // The message is complete without the process id.
            return "";
        }
    }

    private void writeProcessId(String what) throws LaunchException {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
        } catch (IOException e) {
            release();
            throw new LaunchException(ExitStatus.START_FAILED, "cannot lock " + what + " (" + file + "): " + e, e);
        }
    }

    /**
     * The lock file.
     *
     * @return its path
     */
    Path file() {
        return file;
    }

    /** Releases the lock (closing the file releases it); the file stays. */
    void release() {
        closeQuietly(channel);
    }

    @Override
    public void close() {
        release();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock in any case; the process's end would too.
        }
    }
}
