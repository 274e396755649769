package dev.skeleton.storage.postgres;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The directory a postgres store is given ({@code path}). The data lives on the database; the
 * directory holds one note, {@value #NOTE}, saying where, for a person looking at the disk. It never
 * holds the password (nor the url's parameters, which may carry one).
 */
final class StoreDirectory {

    /** The note's file name. */
    static final String NOTE = "postgres-store.txt";

    private StoreDirectory() {
    }

    /**
     * Makes the directory (if missing) and writes the note.
     *
     * @param path   the store's path
     * @param name   the store's name
     * @param server where its data is, from {@link PostgresSettings#describe()}
     * @param id     the id its tables are named by
     */
    static void write(String path, String name, String server, String id) {
        Path directory = directory(path, name);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(NOTE), "This directory belongs to store " + name
                    + " of the postgres engine. Its data is on the database, not here:\n" + server
                    + ", tables s_" + id + "_*\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "writing " + directory.resolve(NOTE) + " for store " + name
                    + " failed: " + e, e);
        }
    }

    /**
     * Removes the note, and the directory if nothing else is in it.
     *
     * @param path the store's path
     * @param name the store's name
     */
    static void remove(String path, String name) {
        Path directory = directory(path, name);
        try {
            Files.deleteIfExists(directory.resolve(NOTE));
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            // Files of someone else's: they stay, and so does the directory.
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "removing " + directory + " of store " + name + " failed: " + e, e);
        }
    }

    private static Path directory(String path, String name) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "path of store " + name + " is not a valid path: "
                    + e.getMessage(), e);
        }
    }
}
