package dev.skeleton.storage.file;

import java.nio.file.Path;

/**
 * A file of a store is not what it should be: a frame is torn, fails its checksum, or says
 * something impossible. Recovery catches it and decides what to drop; it never reaches a caller
 * as such (it becomes a log entry, or {@code CORRUPTED} naming the file).
 */
final class DamagedFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The file. */
    private final transient Path file;
    /** The offset of the first byte that could not be trusted. */
    private final long offset;

    DamagedFileException(Path file, long offset, String reason) {
        super(file + " is damaged at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    Path file() {
        return file;
    }

    /** Where the damage starts: every byte before it was read and checked. */
    long offset() {
        return offset;
    }
}
