package dev.skeleton.storage.multistore.dump;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The exceptions of one dump file, each a one-line message that starts with the file's path: a
 * damaged dump is {@link ErrorCode#CORRUPTED}, a failing medium {@link ErrorCode#IO}, a bad call
 * {@link ErrorCode#INVALID_ARGUMENT}. Immutable.
 */
final class DumpErrors {

    private final Path file;

    DumpErrors(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** A damaged or foreign dump: {@code problem} says what is wrong and where. */
    StorageException corrupted(String problem) {
        return new StorageException(ErrorCode.CORRUPTED, "dump " + file + ": " + problem);
    }

    /** An I/O failure while {@code doing} ("read", "write", ...) the dump. */
    StorageException io(String doing, IOException cause) {
        return new StorageException(ErrorCode.IO, "cannot " + doing + " dump " + file + ": " + describe(cause), cause);
    }

    /** A call the dump refuses (a key out of order, a name too long). */
    StorageException invalid(String problem) {
        return new StorageException(ErrorCode.INVALID_ARGUMENT, "dump " + file + ": " + problem);
    }

    /** An entry the format cannot hold (a key or value above the cap). */
    StorageException unsupported(String problem) {
        return new StorageException(ErrorCode.UNSUPPORTED, "dump " + file + ": " + problem);
    }

    /**
     * The cause in words. The NIO exceptions for missing files and the like carry only a path as
     * their message, which would read as noise after the dump's own path.
     */
    private static String describe(IOException cause) {
        if (cause instanceof NoSuchFileException e) {
            return "no such file " + e.getFile();
        }
        if (cause instanceof AccessDeniedException e) {
            return "access denied to " + e.getFile();
        }
        if (cause instanceof FileAlreadyExistsException e) {
            return "file exists: " + e.getFile();
        }
        if (cause instanceof ClosedByInterruptException) {
            return "the thread was interrupted";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
