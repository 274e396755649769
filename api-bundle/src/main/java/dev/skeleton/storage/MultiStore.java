package dev.skeleton.storage;

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

    /** {@link #closeAll()}, then releases the multistore; idempotent. */
    @Override
    void close();
}
