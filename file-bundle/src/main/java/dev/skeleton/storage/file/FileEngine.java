package dev.skeleton.storage.file;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.ContentHash;
import dev.skeleton.storage.core.CopyOnWriteTree;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Component;

/**
 * The "file" engine: persistent stores in a directory each, with serializable transactions,
 * versions, range queries and optional compression. Found by OSGi as a Declarative Services
 * component with {@code engine.name=file}, and by {@link java.util.ServiceLoader} outside OSGi.
 *
 * <p>A store lives in the directory {@code path}: an append-only, checksummed log of Kryo records,
 * checkpoints, version files and value files, described in the bundle's FORMAT.md. Its settings
 * ({@link FileConfig}: {@code max_versions}, {@code sync}, {@code sync_interval_ms},
 * {@code compression}, {@code format}) are checked before anything is written, saved at
 * {@link #create} and used by every {@link #open}.
 *
 * <h2>One opener at a time</h2>
 * An open store holds an operating-system lock on {@code store.lock} in its directory. Opening or
 * creating a store that is open &mdash; in this engine, in another engine instance or in another
 * process &mdash; is {@link ErrorCode#STORE_EXISTS} ("open elsewhere"), and destroying it from
 * another engine or process is {@link ErrorCode#IO}; nothing waits. A crashed process leaves no
 * lock behind.
 *
 * <h2>Errors</h2>
 * {@code create} of an existing store (open or not) is {@link ErrorCode#STORE_EXISTS};
 * {@code open} of a directory without a store is {@link ErrorCode#STORE_NOT_FOUND}; {@code open} of
 * a store whose files leave nothing sane to recover is {@link ErrorCode#CORRUPTED} naming the file;
 * file system failures are {@link ErrorCode#IO} naming the file. {@link #destroy} closes the store
 * if it is open in this engine, removes its files and its directory (unless files of others remain
 * there), and does nothing for a store that does not exist.
 *
 * <p>Thread-safe: any number of threads may create, open and destroy stores at once.
 */
@Component(service = Engine.class, property = Engine.ENGINE_NAME_PROPERTY + "=" + FileEngine.NAME)
public final class FileEngine implements Engine {

    /** This engine's name. */
    public static final String NAME = "file";

    private static final System.Logger LOGGER = new DeferredLogger("dev.skeleton.storage.file");
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, true);
    private static final List<String> STORE_FILE_KINDS =
            List.of(StoreFiles.LOG, StoreFiles.CHECKPOINT, StoreFiles.VERSION, StoreFiles.VALUE, StoreFiles.PAGES);

    private final Tuning tuning;
    /** Stores open through this engine, by directory. */
    private final ConcurrentMap<Path, FileStore> open = new ConcurrentHashMap<>();

    /** Creates the engine; it holds no store until {@link #create} or {@link #open} is called. */
    public FileEngine() {
        this(Tuning.DEFAULTS);
    }

    /** An engine with other internal sizes, for tests. */
    FileEngine(Tuning tuning) {
        this.tuning = tuning;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        Path directory = directoryOf(name, path);
        FileConfig settings = FileConfig.from(config == null ? Config.empty() : config);
        StoreFiles files = new StoreFiles(directory);
        requireNotOpenHere(name, directory);
        if (files.exists()) {
            throw exists(name, directory);
        }
        boolean madeDirectory = !Files.isDirectory(directory);
        createDirectory(name, directory);
        DirectoryLock lock = DirectoryLock.acquire(files, name);
        boolean created = false;
        try {
            if (files.exists()) {
                throw exists(name, directory);
            }
            deleteStoreFiles(files);
            PagedCheckpoint.first().write(files);
            PageFiles pages = new PageFiles(files, name, settings.compression(), settings.cacheSize());
            CopyOnWriteTree<StoredValue> empty = FileStore.emptyTree();
            byte[] emptyHash = new ContentHash().state();
            PagedRecovery.State state = new PagedRecovery.State(empty, List.of(), empty, emptyHash,
                    0, 0, 0, PagedCheckpoint.FIRST_SEGMENT, 0, 1, 1, 0, new long[0], empty, emptyHash);
            FileStore store = FileStore.start(name, path, settings, tuning, files, lock, pages, state,
                    closed -> open.remove(directory, closed));
            Store made = register(directory, store, () -> ConfigFile.write(files, settings));
            created = true;
            return made;
        } catch (RuntimeException | IOException e) {
            throw asStorageException(e, name, "creating the store in " + directory);
        } finally {
            // Also after an Error: a class of a bundle refreshed meanwhile failing to load must not
            // leave the directory locked until the JVM collects the lock's channel.
            if (!created) {
                lock.close();
                removeFailedCreate(files, madeDirectory);
            }
        }
    }

    @Override
    public Store open(String name, String path) {
        Path directory = directoryOf(name, path);
        StoreFiles files = new StoreFiles(directory);
        requireNotOpenHere(name, directory);
        if (!files.exists()) {
            throw notFound(name, directory);
        }
        DirectoryLock lock = DirectoryLock.acquire(files, name);
        boolean opened = false;
        try {
            if (!files.exists()) {
                throw notFound(name, directory);
            }
            FileConfig settings = ConfigFile.read(files, name);
            long checkpoint = FormatOneConversion.convertIfNeeded(files, name, settings, tuning, LOGGER);
            PageFiles pages = new PageFiles(files, name, settings.compression(), settings.cacheSize());
            try {
                PagedRecovery.State state = new PagedRecovery(files, name, LOGGER, FileStore.emptyTree(), pages)
                        .run(checkpoint);
                FileStore store = FileStore.start(name, path, settings, tuning, files, lock, pages, state,
                        closed -> open.remove(directory, closed));
                Store made = register(directory, store, () -> { });
                opened = true;
                return made;
            } finally {
                if (!opened) {
                    pages.close();
                }
            }
        } catch (RuntimeException | IOException e) {
            throw asStorageException(e, name, "opening the store in " + directory);
        } finally {
            // Also after an Error: see create.
            if (!opened) {
                lock.close();
            }
        }
    }

    @Override
    public void destroy(String name, String path) {
        Path directory = directoryOf(name, path);
        FileStore store = open.get(directory);
        if (store != null) {
            store.close();
        }
        if (!Files.isDirectory(directory)) {
            return;
        }
        StoreFiles files = new StoreFiles(directory);
        DirectoryLock lock;
        try {
            lock = DirectoryLock.acquire(files, name);
        } catch (StorageException e) {
            throw new StorageException(ErrorCode.IO, "cannot destroy store " + name + ": " + e.getMessage(), e);
        }
        try {
            // The config goes first: a directory without it is no store, whatever a crash leaves.
            StoreFiles.delete(files.file(StoreFiles.CONFIG));
            deleteStoreFiles(files);
            StoreFiles.delete(files.file(StoreFiles.LOCK));
        } catch (IOException e) {
            throw StoreFiles.ioFailure(name, "destroying the store in " + directory, e);
        } finally {
            lock.close();
        }
        removeDirectory(name, directory);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** Finishes an open or create: the last step, then the store is known as open here. */
    private FileStore register(Path directory, FileStore store, IoStep lastStep) throws IOException {
        try {
            lastStep.run();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        open.put(directory, store);
        return store;
    }

    /** One step that may fail with an I/O error. */
    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }

    private static Path directoryOf(String name, String path) {
        Arguments.storeName(name);
        Arguments.path(path, name);
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "path of store " + name + " is not a valid path: "
                    + path, e);
        }
    }

    private void requireNotOpenHere(String name, Path directory) {
        if (open.containsKey(directory)) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "file store " + name + " at " + directory + " is open");
        }
    }

    private static void createDirectory(String name, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw StoreFiles.ioFailure(name, "creating the directory " + directory, e);
        }
    }

    /** Deletes every log, checkpoint, version, value and temporary file of a store directory. */
    private static void deleteStoreFiles(StoreFiles files) throws IOException {
        for (String kind : STORE_FILE_KINDS) {
            for (long number : files.numbers(kind)) {
                StoreFiles.delete(files.numbered(kind, number));
            }
        }
        files.deleteTemporaryFiles();
    }

    /** Leaves nothing of a create that failed after its lock was taken. */
    private static void removeFailedCreate(StoreFiles files, boolean madeDirectory) {
        try {
            StoreFiles.delete(files.file(StoreFiles.CONFIG));
            deleteStoreFiles(files);
            StoreFiles.delete(files.file(StoreFiles.LOCK));
            if (madeDirectory) {
                Files.deleteIfExists(files.directory());
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not remove what a failed create left in " + files.directory() + ": " + e);
        }
    }

    private static void removeDirectory(String name, Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            LOGGER.log(Level.INFO, "store " + name + " destroyed; its directory " + directory
                    + " is kept because it holds files of others");
        } catch (IOException e) {
            throw StoreFiles.ioFailure(name, "removing the directory " + directory, e);
        }
    }

    private static StorageException asStorageException(Exception e, String name, String what) {
        if (e instanceof StorageException storage) {
            return storage;
        }
        if (e instanceof IOException io) {
            return StoreFiles.ioFailure(name, what, io);
        }
        return new StorageException(ErrorCode.IO, "store " + name + ": " + what + " failed: " + e, e);
    }

    private static StorageException exists(String name, Path directory) {
        return new StorageException(ErrorCode.STORE_EXISTS, "file store " + name + " already exists in " + directory);
    }

    private static StorageException notFound(String name, Path directory) {
        return new StorageException(ErrorCode.STORE_NOT_FOUND, "file store " + name + " not found in " + directory);
    }

    @Override
    public String toString() {
        return "FileEngine[open stores=" + open.size() + "]";
    }
}
