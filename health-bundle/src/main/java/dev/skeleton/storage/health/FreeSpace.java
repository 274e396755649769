package dev.skeleton.storage.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How much space a folder's file system has left for this process: the seam through which tests
 * give the disk check any figure they need.
 */
@FunctionalInterface
interface FreeSpace {

    /**
     * The file system's usable space ({@link java.nio.file.FileStore#getUsableSpace()}), measured
     * on the nearest folder that exists: the stores' folder may not have been created yet, but the
     * file system that will hold it is already there.
     */
    FreeSpace FILE_SYSTEM = folder -> Files.getFileStore(nearestExisting(folder)).getUsableSpace();

    /**
     * The usable bytes of the file system that holds (or will hold) a folder.
     *
     * @param folder an absolute folder
     * @return bytes this process may still write
     * @throws IOException if the file system cannot be queried
     */
    long usableBytes(Path folder) throws IOException;

    /** The folder itself or its nearest ancestor that exists. */
    private static Path nearestExisting(Path folder) throws NoSuchFileException {
        for (Path candidate = folder; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(folder.toString(), null, "neither it nor any parent exists");
    }
}
