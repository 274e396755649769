package dev.skeleton.storage;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Named stores over the engines that are present, with a catalog that survives restarts.
 *
 * <h2>Names and paths</h2>
 * Store names match {@value #STORE_NAME_PATTERN}; anything else (null, empty, {@code ..},
 * {@code a/b}) is {@link ErrorCode#INVALID_ARGUMENT} in every method that takes a store name, so no
 * path can escape the root. A store's path is {@code rootPath/<name>}.
 *
 * <h2>Catalog</h2>
 * Each store's name, engine and config are kept under {@code rootPath}, written atomically, so a new
 * multistore on the same root knows every persistent store created before and opens it when first
 * asked for.
 *
 * <h2>Handles and engines that come and go</h2>
 * {@link #getStore(String)} returns a handle that implements exactly the optional interfaces of its
 * engine's stores. The handle stays valid across its engine leaving and coming back: while the
 * engine is absent its operations fail fast with {@link ErrorCode#ENGINE_UNAVAILABLE}; once the
 * engine is back the same handle works again, on the same data. An engine leaving closes its stores
 * cleanly first (durable data flushed) and ends their open transactions. A store of a
 * non-persistent engine ends with its engine: it leaves the catalog, with a
 * {@link StorageEvent.Type#STORE_DELETED} event.
 *
 * <h2>Events</h2>
 * Listeners receive {@link StorageEvent}s, never while a lock is held; a throwing listener does not
 * break the operation.
 *
 * <h2>Backups, copies and moves (since 1.1)</h2>
 * {@link #exportStore} writes a store, or one of its saved versions, to a dump file whose format is
 * the same for every engine; {@link #importStore} makes a store on any engine from it;
 * {@link #verifyDump} checks a dump alone. {@link #copyStore} copies a store to a new name on any
 * engine; {@link #moveStore} moves a store to another engine while it is in use. Each checks the
 * content hash (see {@link VersionInfo}) of what it wrote against what it read, reports progress to
 * a {@link TransferListener}, can be stopped (by the listener throwing or by interrupting its
 * thread) and then leaves nothing half-made behind, and ends with an event
 * ({@code STORE_EXPORTED}, {@code STORE_IMPORTED}, {@code DUMP_VERIFIED}, {@code STORE_COPIED},
 * {@code STORE_MOVED}).
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any number of threads at once.
 */
@ProviderType
public interface MultiStore extends AutoCloseable {

    /** The pattern every store name must match. */
    String STORE_NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

    /**
     * The handle of a store, opening the store if it is known but not open.
     *
     * @param name the store's name
     * @return the handle; the same store answers the same data through every handle
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if no such store is known;
     *         {@link ErrorCode#ENGINE_UNAVAILABLE} while its engine is absent;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a bad name
     */
    Store getStore(String name);

    /**
     * Creates a store and records it in the catalog.
     *
     * @param name   the new store's name
     * @param engine the engine's name; null or empty: the default engine
     * @param config the store's configuration, merged over the engine's defaults; null: empty
     * @throws StorageException {@link ErrorCode#STORE_EXISTS} if the name is taken;
     *         {@link ErrorCode#ENGINE_NOT_FOUND} if the engine is not registered;
     *         {@link ErrorCode#INVALID_CONFIG} for a bad configuration;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a bad name
     */
    void createStore(String name, String engine, Config config);

    /**
     * Closes a store and destroys its data, and removes it from the catalog.
     *
     * @param name the store's name
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if no such store is known;
     *         {@link ErrorCode#ENGINE_UNAVAILABLE} if its engine is absent (its data cannot be
     *         destroyed; nothing changes); {@link ErrorCode#INVALID_ARGUMENT} for a bad name
     */
    void deleteStore(String name);

    /**
     * The names of all stores in the catalog, available or not.
     *
     * @return the names, sorted
     */
    List<String> listStores();

    /**
     * Whether a store of this name is in the catalog.
     *
     * @param name the store's name
     * @return true if known
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} for a bad name
     */
    boolean storeExists(String name);

    /**
     * What is known about a store.
     *
     * @param name the store's name
     * @return its name, engine, path, availability and config
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if unknown;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a bad name
     */
    StoreInfo storeInfo(String name);

    /**
     * Closes every open store. Persistent stores stay in the catalog and reopen on the next
     * {@link #getStore(String)}.
     */
    void closeAll();

    /**
     * Sets the engine used by {@link #createStore} when given none.
     *
     * @param engine an engine name
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if null or empty
     */
    void setDefaultEngine(String engine);

    /**
     * The engine used by {@link #createStore} when given none.
     *
     * @return the default engine's name
     */
    String getDefaultEngine();

    /**
     * Adds an engine; stores of the catalog that use it become available.
     *
     * @param engine the engine
     * @throws StorageException {@link ErrorCode#ENGINE_EXISTS} if an engine of that name is
     *         registered; {@link ErrorCode#INVALID_ARGUMENT} if null
     */
    void registerEngine(Engine engine);

    /**
     * Removes an engine: its stores are closed first (durable data flushed) and become unavailable;
     * stores of a non-persistent engine are forgotten. Removing an unknown engine does nothing.
     *
     * @param name the engine's name
     */
    void unregisterEngine(String name);

    /**
     * The names of the registered engines.
     *
     * @return the names, sorted
     */
    List<String> listEngines();

    /**
     * A registered engine.
     *
     * @param name the engine's name
     * @return the engine
     * @throws StorageException {@link ErrorCode#ENGINE_NOT_FOUND} if none has that name
     */
    Engine getEngine(String name);

    /**
     * Adds a listener; adding the same listener twice has no further effect.
     *
     * @param listener the listener
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if null
     */
    void addListener(StorageEventListener listener);

    /**
     * Removes a listener; removing an unknown one does nothing.
     *
     * @param listener the listener
     */
    void removeListener(StorageEventListener listener);

    /**
     * Writes a store to a dump file: a consistent view (a read-only transaction begun when the
     * export starts, or a saved version) while writers go on. The file is written under a
     * temporary name beside {@code file} and renamed to it once complete and forced to disk: an
     * export that fails or is stopped leaves no file behind, and an existing {@code file} is
     * replaced only by a complete dump.
     *
     * @param name    the store's name
     * @param file    the dump file to write
     * @param options version, compression and progress
     * @return what was written: entries, bytes and the content hash of the dump
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if no such store is known;
     *         {@link ErrorCode#UNSUPPORTED} if the store has no read-only transactions, or a
     *         version is asked of a store that cannot read versions ({@link VersionReader});
     *         {@link ErrorCode#VERSION_NOT_FOUND} for a version that is not saved;
     *         {@link ErrorCode#IO} if the file cannot be written or the export was stopped;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a bad name or a null argument
     * @since 1.1
     */
    TransferReport exportStore(String name, Path file, ExportOptions options);

    /**
     * Makes a store from a dump file. The dump is read as a stream; the new store's content hash is
     * computed from the store itself once every entry is written and must equal the dump's. If
     * anything fails (a damaged dump, a full store, an engine that leaves, a stop), the new store is
     * deleted again: the import makes a whole store or none. With
     * {@link ImportOptions#replace()}, an existing store of the name is deleted only after the dump
     * was verified in full; if the import then fails, the store is absent and the dump unchanged.
     *
     * @param file    the dump file
     * @param name    the new store's name (not necessarily the name written in the dump)
     * @param options engine, configuration, replacing and progress
     * @return what was imported
     * @throws StorageException {@link ErrorCode#STORE_EXISTS} if the name is taken and replacing was
     *         not asked; {@link ErrorCode#ENGINE_NOT_FOUND} if the engine is not registered;
     *         {@link ErrorCode#CORRUPTED} if the file is not a dump, is of another format version,
     *         is truncated or damaged (nothing is changed); {@link ErrorCode#IO} if it cannot be
     *         read or the import was stopped; {@link ErrorCode#INVALID_ARGUMENT} for a bad name or
     *         a null argument
     * @since 1.1
     */
    TransferReport importStore(Path file, String name, ImportOptions options);

    /**
     * Checks a dump file alone: every frame's checksum, the count and the content hash. Writes
     * nothing.
     *
     * @param file     the dump file
     * @param listener receives progress
     * @return what the dump holds
     * @throws StorageException {@link ErrorCode#CORRUPTED} naming the first problem found;
     *         {@link ErrorCode#IO} if the file cannot be read; {@link ErrorCode#INVALID_ARGUMENT}
     *         for a null argument
     * @since 1.1
     */
    TransferReport verifyDump(Path file, TransferListener listener);

    /**
     * Copies a store to a new store, on any engine: a consistent view of the source (a read-only
     * transaction) while its writers go on. The copy's content hash is computed from the copy and
     * must equal the source view's; if anything fails or the copy is stopped, the new store is
     * deleted again.
     *
     * @param from     the store to copy
     * @param to       the new store's name
     * @param engine   the new store's engine; null or empty: the source store's engine
     * @param listener receives progress
     * @return what was copied
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if {@code from} is unknown;
     *         {@link ErrorCode#STORE_EXISTS} if {@code to} is taken;
     *         {@link ErrorCode#ENGINE_NOT_FOUND} if the engine is not registered;
     *         {@link ErrorCode#UNSUPPORTED} if the source has no read-only transactions;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a bad name or a null listener
     * @since 1.1
     */
    TransferReport copyStore(String from, String to, String engine, TransferListener listener);

    /**
     * Moves a store to another engine while it is in use. The store keeps its name, its path and
     * its handle: callers of {@link #getStore} and of the store's service notice nothing but a
     * pause. The content is copied from a snapshot while writers go on; the keys they write
     * meanwhile are carried over in rounds; then writers are held for a last round (the pause), the
     * handle is switched to the new engine and the catalog records it. The old engine's copy is
     * destroyed only once the new one is verified by content hash against it; if they differ, the
     * old copy is kept and the move reports CORRUPTED with where it is. A write is never lost nor
     * applied twice. If the move fails or is stopped before the switch, the store stays where it
     * was, unchanged, and what was made on the new engine is destroyed; after a crash, the store
     * is whole on exactly one engine when the multistore opens the root again.
     *
     * <p>What moves is the current content. Saved versions stay with the old engine's copy and are
     * destroyed with it (the report does not carry them); an open transaction of the store is
     * ended by the switch as by an engine leaving. A {@code loadVersion} during the move stops the
     * move (the store stays where it was).
     *
     * @param name     the store to move
     * @param engine   the engine to move it to
     * @param listener receives progress
     * @return what was moved, with the longest time a writer was held up
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if unknown;
     *         {@link ErrorCode#ENGINE_NOT_FOUND} if the engine is not registered;
     *         {@link ErrorCode#INVALID_ARGUMENT} if the store is already on that engine, for a bad
     *         name or a null argument; {@link ErrorCode#UNSUPPORTED} if the new engine lacks a
     *         capability that the store's handle offers (transactions, versioning, range queries)
     *         or the store has no read-only transactions
     * @since 1.1
     */
    TransferReport moveStore(String name, String engine, TransferListener listener);

    /**
     * What a store has done since its handle was made, and what its engine tells about it now: the
     * figures behind the multistore's MBeans and {@code store:stats}. Cheap: it reads counters and
     * asks the engine's {@link MetricsSource}, without touching the data.
     *
     * @param name the store's name
     * @return the figures now
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if no such store is known;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a null name
     * @since 1.1
     */
    StoreStats storeStats(String name);

    /** {@link #closeAll()}, then releases the multistore; idempotent. */
    @Override
    void close();
}
