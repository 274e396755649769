package dev.skeleton.storage.multistore;

import dev.skeleton.storage.multistore.files.DurableFiles;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The folder {@code rootPath/.transfers} where imports, copies and moves keep what survives a crash:
 * one {@code <name>.intent} file per transfer under way (see {@link Intent}), the staging directory
 * {@code <name>} of a store being moved to a persistent engine, and the directory
 * {@code <name>.old} of the store it replaces until that is destroyed. Store names cannot begin
 * with a dot, so the folder never meets a store.
 *
 * <p>Files are written to a temporary name, forced and renamed, and the folder is forced after
 * each rename: an intent is on disk before the engine call it announces. Not thread-safe: the
 * multistore calls it under its lock or for a name it has reserved.
 */
final class Intents {

    /** The folder's name under the root. */
    static final String FOLDER = ".transfers";
    private static final String SUFFIX = ".intent";

    private final Path folder;

    Intents(Path root) {
        this.folder = root.resolve(FOLDER);
    }

    /** Where a store moving to a persistent engine is made before the switch. */
    Path staging(String name) {
        return folder.resolve(name);
    }

    /** Where the old store's directory waits, after the switch, to be destroyed. */
    Path retired(String name) {
        return folder.resolve(name + ".old");
    }

    /** Writes an intent durably, replacing one of the same name. */
    void write(Intent intent) {
        Properties properties = new Properties();
        properties.setProperty("name", intent.name());
        properties.setProperty("kind", intent.kind().name());
        if (intent.fromEngine() != null) {
            properties.setProperty("from", intent.fromEngine());
        }
        properties.setProperty("fromPersistent", Boolean.toString(intent.fromPersistent()));
        properties.setProperty("to", intent.toEngine());
        properties.setProperty("toPersistent", Boolean.toString(intent.toPersistent()));
        Path file = fileOf(intent.name());
        Path temp = folder.resolve(intent.name() + SUFFIX + ".tmp");
        try {
            Files.createDirectories(folder);
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(out, "skeleton-storage transfer under way; removed when it ends");
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(temp, file);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the intent of a transfer that ended; idempotent. */
    void remove(String name) {
        Path file = fileOf(name);
        try {
            if (Files.deleteIfExists(file)) {
                forceFolder();
            }
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every intent on disk.
     *
     * @throws StorageException CORRUPTED naming a file that cannot be understood; IO if the folder
     *         cannot be read
     */
    List<Intent> read() {
        List<Intent> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                found.add(parse(file));
            }
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot read " + folder + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static Intent parse(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        try {
            return new Intent(required(properties, "name"), Intent.Kind.valueOf(required(properties, "kind")),
                    properties.getProperty("from"), Boolean.parseBoolean(properties.getProperty("fromPersistent")),
                    required(properties, "to"), Boolean.parseBoolean(properties.getProperty("toPersistent")));
        } catch (IllegalArgumentException e) {
            throw new StorageException(ErrorCode.CORRUPTED, "transfer intent " + file + " cannot be read: "
                    + e.getMessage() + "; move it away to open the root");
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    /** Renames a file or directory atomically and makes the rename durable. */
    void move(Path from, Path to) throws IOException {
        DurableFiles.moveAtomically(from, to, false);
        forceFolder();
        DurableFiles.forceDirectory(to.getParent());
    }

    /**
     * What a crash left of a transfer, settled from its intent and the catalog: file renames of a
     * move are undone (not committed) or kept (committed) here; what only an engine can destroy is
     * returned.
     *
     * @param intent        the intent found
     * @param catalogEngine the engine the catalog records for the name, or null
     * @param home          the store's path, {@code rootPath/<name>}
     * @return what an engine must still destroy, or null if nothing
     */
    Cleanups.Cleanup settle(Intent intent, String catalogEngine, Path home) {
        String name = intent.name();
        boolean committed = intent.committed(catalogEngine);
        if (intent.kind() == Intent.Kind.CREATE) {
            return committed || !intent.toPersistent() ? null
                    : new Cleanups.Cleanup(name, intent.toEngine(), home.toString());
        }
        if (committed) {
            return intent.fromPersistent() ? new Cleanups.Cleanup(name, intent.fromEngine(), retired(name).toString()) : null;
        }
        undoMove(name, home, intent.fromPersistent());
        return intent.toPersistent() ? new Cleanups.Cleanup(name, intent.toEngine(), staging(name).toString()) : null;
    }

    /**
     * A move that did not reach its point of no return: the new store's directory (if it was
     * renamed into place) goes back to staging, the old one back into place. Whatever is at the
     * store's path is the new store when the old one was renamed aside, or when the old store kept
     * no files (then nothing of it was ever there).
     *
     * @param fromPersistent whether the old store's engine keeps files
     * @throws StorageException IO if a rename fails
     */
    void undoMove(String name, Path home, boolean fromPersistent) {
        Path old = retired(name);
        boolean oldAside = Files.exists(old);
        try {
            if (Files.exists(home) && (oldAside || !fromPersistent) && !Files.exists(staging(name))) {
                move(home, staging(name));
            }
            if (oldAside) {
                move(old, home);
            }
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot put store " + name + " back in place after an interrupted move ("
                    + old + " to " + home + "): " + e.getMessage(), e);
        }
    }

    private Path fileOf(String name) {
        return folder.resolve(name + SUFFIX);
    }

    private void forceFolder() {
        DurableFiles.forceDirectory(folder);
    }

}
