package dev.skeleton.storage.console;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The console's history file, readable by its owner alone: the lines typed into the console may
 * hold values a person would not show others ({@code store:set users alice <secret>}), and the
 * file sits in the data folder, which backups and other accounts may read. JLine writes the file
 * but leaves its permissions to the process's umask (commonly readable by everyone), so the console
 * creates it first with owner-only permissions, and takes them back to owner-only if it exists.
 * On a file system without POSIX permissions nothing is changed.
 *
 * <p>Stateless; the methods may be called from any thread.
 */
final class HistoryFile {

    /** Owner read and write, nothing for anyone else. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HistoryFile() {
    }

    /**
     * Makes sure the history file exists and only its owner can read it.
     *
     * @param file the history file
     * @throws IOException if it cannot be created or its permissions cannot be set
     */
    static void makePrivate(Path file) throws IOException {
        if (Files.getFileAttributeView(file.toAbsolutePath().getParent(), PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
