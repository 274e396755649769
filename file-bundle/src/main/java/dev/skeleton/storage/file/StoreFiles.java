package dev.skeleton.storage.file;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of one store directory: their names, listing them by kind, and the two durable
 * operations everything else builds on.
 *
 * <ul>
 *   <li>{@code store.lock}: held locked while the store is open ({@link DirectoryLock});</li>
 *   <li>{@code store.config}: the settings given at create; its presence makes the directory a
 *       store;</li>
 *   <li>{@code log-N}: log segment N (1, 2, ...);</li>
 *   <li>{@code checkpoint-N}: the state as of the start of {@code log-N};</li>
 *   <li>{@code version-N}: saved version N;</li>
 *   <li>{@code value-N}: large value N;</li>
 *   <li>{@code *.tmp}: a file being written; never trusted, removed at open.</li>
 * </ul>
 *
 * <p>{@link #writeAtomically} is how every file that replaces or adds state in one step (config,
 * checkpoint, version file) appears: written to a temporary file, forced, renamed into place, and
 * the directory forced, so that after a crash the file is either absent or complete. Stateless
 * apart from the directory; thread-safe.
 */
final class StoreFiles {

    static final String LOCK = "store.lock";
    static final String CONFIG = "store.config";
    static final String LOG = "log-";
    static final String CHECKPOINT = "checkpoint-";
    static final String VERSION = "version-";
    static final String VALUE = "value-";
    static final String PAGES = "pages-";
    static final String TEMPORARY_SUFFIX = ".tmp";

    private static final Pattern NUMBERED = Pattern.compile("(log-|checkpoint-|version-|value-|pages-)(\\d{1,18})");

    private final Path directory;

    StoreFiles(Path directory) {
        this.directory = directory;
    }

    /** The store's directory. */
    Path directory() {
        return directory;
    }

    /** A file of the store by name. */
    Path file(String name) {
        return directory.resolve(name);
    }

    /** The numbered file of a kind ({@link #LOG}, {@link #CHECKPOINT}, ...). */
    Path numbered(String kind, long number) {
        return directory.resolve(kind + number);
    }

    /**
     * Fails an open whose data refers to a value file that is missing or of the wrong length: a
     * store is never opened with a value it cannot produce.
     *
     * @param storeName   the store's name, for the message
     * @param id          the value file's number
     * @param storedBytes the length it must have
     * @throws StorageException {@link ErrorCode#CORRUPTED} naming the file
     * @throws IOException      if its length cannot be read
     */
    void requireValueFile(String storeName, long id, long storedBytes) throws IOException {
        Path path = numbered(VALUE, id);
        if (!Files.isRegularFile(path) || Files.size(path) != storedBytes) {
            throw new StorageException(ErrorCode.CORRUPTED, "store " + storeName + " cannot be opened: value file "
                    + path + (Files.exists(path) ? " has the wrong length" : " is missing"));
        }
    }

    /** Whether the directory holds a store (its config file). */
    boolean exists() {
        return Files.isRegularFile(file(CONFIG));
    }

    /**
     * The numbers of the files of one kind, ascending.
     *
     * @param kind the name prefix, such as {@link #LOG}
     * @return the numbers present
     * @throws IOException if the directory cannot be listed
     */
    TreeSet<Long> numbers(String kind) throws IOException {
        TreeSet<Long> numbers = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, kind + "*")) {
            for (Path entry : entries) {
                Matcher name = NUMBERED.matcher(entry.getFileName().toString());
                if (name.matches() && name.group(1).equals(kind)) {
                    numbers.add(Long.parseLong(name.group(2)));
                }
            }
        }
        return numbers;
    }

    /**
     * The bytes the store's files in the directory take now: the lock and config files, every log
     * segment, checkpoint, version, value and page file, and the temporary files of any of them.
     * One listing of the directory and one look at each file's attributes; no file is read. Files
     * of others in the directory are not counted, nor a file deleted while it is still open (a page
     * file a compaction retired, until its readers are done).
     *
     * @return the sum of their lengths
     * @throws IOException if the directory cannot be listed
     */
    long diskBytes() throws IOException {
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (isStoreFile(entry.getFileName().toString())) {
                    bytes += lengthOf(entry);
                }
            }
        }
        return bytes;
    }

    /** Whether a file name is one of a store's, or its temporary file. */
    static boolean isStoreFile(String name) {
        String base = name.endsWith(TEMPORARY_SUFFIX)
                ? name.substring(0, name.length() - TEMPORARY_SUFFIX.length()) : name;
        return base.equals(LOCK) || base.equals(CONFIG) || NUMBERED.matcher(base).matches();
    }

    /** A regular file's length; 0 for anything else, or for a file deleted since it was listed. */
    private static long lengthOf(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (NoSuchFileException e) {
            // A checkpoint deleted it after the listing: it takes no space any more.
            return 0;
        }
    }

    /** Writes the content of a file being created. */
    @FunctionalInterface
    interface Content {
        /**
         * Writes the content.
         *
         * @param channel the new file, positioned at 0
         * @throws IOException if writing fails
         */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Writes a file so that it is either absent or complete after a crash: temporary file,
     * force, atomic rename, force of the directory.
     *
     * @param name    the file's name
     * @param content writes its content
     * @return the bytes of the file written
     * @throws IOException if a step fails; the temporary file is removed then
     */
    long writeAtomically(String name, Content content) throws IOException {
        Path target = file(name);
        Path temporary = file(name + TEMPORARY_SUFFIX);
        try {
            long bytes;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
                bytes = channel.size();
            }
            move(temporary, target);
            syncDirectory();
            return bytes;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames atomically where the file system can, else replaces. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Forces the directory, so that files created, renamed or deleted in it stay so after a crash.
     * Where a directory cannot be opened at all (Windows, or a directory that is gone), there is
     * nothing to force: such platforms make metadata durable by other means, and a vanished
     * directory fails the next file operation.
     *
     * @throws IOException if forcing fails
     */
    void syncDirectory() throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Deletes a file if it exists.
     *
     * @param path the file
     * @throws IOException if it exists and cannot be deleted
     */
    static void delete(Path path) throws IOException {
        try {
            Files.deleteIfExists(path);
        } catch (NoSuchFileException e) {
            // Gone already: that is what was asked.
        }
    }

    /**
     * Deletes what checkpoint {@code segment} supersedes: every older checkpoint, then every log
     * segment before {@code segment}, oldest first. Checkpoints go first so that a crash in the
     * middle never leaves an older checkpoint without the segments after it (one that recovery could
     * mistake for a fallback); segments go oldest first so that what is left of them is always a
     * contiguous run ending at {@code segment}.
     *
     * @param segment the segment of the checkpoint that stays
     * @throws IOException if a file cannot be deleted
     */
    void deleteSuperseded(long segment) throws IOException {
        for (long old : numbers(CHECKPOINT).headSet(segment, false)) {
            delete(numbered(CHECKPOINT, old));
        }
        for (long old : numbers(LOG).headSet(segment, false)) {
            delete(numbered(LOG, old));
        }
    }

    /** Removes the temporary files a crash left behind. */
    void deleteTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path entry : entries) {
                delete(entry);
            }
        }
    }

    /** Writes all of a buffer. */
    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * An {@link ErrorCode#IO} failure naming the store and what was being done.
     *
     * @param storeName the store's name
     * @param what      what failed, naming the file
     * @param cause     the I/O error
     * @return the exception to throw
     */
    static StorageException ioFailure(String storeName, String what, IOException cause) {
        return new StorageException(ErrorCode.IO, "store " + storeName + ": " + what + " failed: " + cause, cause);
    }

    @Override
    public String toString() {
        return "StoreFiles[" + directory + "]";
    }
}
