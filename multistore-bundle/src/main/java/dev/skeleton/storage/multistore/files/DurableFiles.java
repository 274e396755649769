package dev.skeleton.storage.multistore.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The two file operations the multistore's small files (catalog, transfer intents, dumps) are made
 * durable with: an atomic rename, and forcing the directory that holds a renamed entry. Internal:
 * neither exported to OSGi bundles nor by the JPMS module.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Renames atomically; {@code to} is replaced if {@code replace} and it exists.
     *
     * @throws IOException also when the file system cannot rename atomically
     */
    public static void moveAtomically(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically: " + from + " to " + to, e);
        }
    }

    /**
     * Makes the renames in a directory durable. Best effort: some platforms (Windows) cannot open a
     * directory, and their renames are durable once the file is forced.
     */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // See above: nothing more can be done, and the caller's data is already in place.
        }
    }
}
