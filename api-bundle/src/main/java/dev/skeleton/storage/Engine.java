package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of storage that makes {@link Store}s: "memory", "file", or a third party's. An engine is
 * stateless towards its stores' data beyond what it keeps under each store's {@code path}.
 *
 * <h2>How engines are found</h2>
 * In OSGi, each engine is a Declarative Services component that registers this interface with the
 * service property {@value #ENGINE_NAME_PROPERTY} equal to {@link #name()}. Outside OSGi, every
 * engine jar carries {@code META-INF/services/dev.skeleton.storage.Engine} and a JPMS
 * {@code module-info} that {@code provides dev.skeleton.storage.Engine}, so
 * {@link java.util.ServiceLoader#load(Class)} finds it on the class path and the module path. An
 * engine therefore has a public no-argument constructor.
 *
 * <h2>Stores and their names</h2>
 * {@code name} must match {@link MultiStore#STORE_NAME_PATTERN} and {@code path} must be non-null,
 * or the call fails with {@link ErrorCode#INVALID_ARGUMENT}. A store is identified by its
 * {@code path} (for engines that keep files) or by its name and path (for engines that do not).
 *
 * <h2>Configuration</h2>
 * {@link #create} validates the whole {@link Config} before it changes anything: a key the engine
 * does not know, a value of the wrong type or out of range is {@link ErrorCode#INVALID_CONFIG},
 * naming the key and the value; keys starting with {@code service.}, {@code component.} or
 * {@code felix.} are ignored (see {@link Config#requireKnownKeys}). Every engine that offers
 * versioning knows {@code max_versions}.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any number of threads at once. A store is open at most once at a
 * time: {@code create} or {@code open} of a store that is open already is
 * {@link ErrorCode#STORE_EXISTS}.
 */
@ConsumerType
public interface Engine {

    /** The OSGi service property that carries {@link #name()}. */
    String ENGINE_NAME_PROPERTY = "engine.name";

    /**
     * The engine's name, as used in {@link MultiStore#createStore} and the service property
     * {@value #ENGINE_NAME_PROPERTY}: "memory", "file", &hellip;
     *
     * @return the name, never null or empty
     */
    String name();

    /**
     * Creates a new, empty store and opens it. An engine that keeps files makes the directory
     * {@code path} (and its parents) and saves {@code config} there, so that {@link #open} uses it.
     *
     * @param name   the store's name
     * @param path   the directory for the store's files
     * @param config the store's configuration; null is read as {@link Config#empty()}
     * @return the open store
     * @throws StorageException {@link ErrorCode#STORE_EXISTS} if the store exists (or is open);
     *         {@link ErrorCode#INVALID_CONFIG} for a bad configuration;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a bad name or a null path;
     *         {@link ErrorCode#IO} if the files cannot be written. Nothing is left behind on failure.
     */
    Store create(String name, String path, Config config);

    /**
     * Opens an existing store with the configuration saved when it was created.
     *
     * @param name the store's name
     * @param path the directory given at creation
     * @return the open store
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if there is no such store (always,
     *         for an engine without persistence); {@link ErrorCode#STORE_EXISTS} if it is open
     *         already; {@link ErrorCode#CORRUPTED} if its data cannot be read sanely;
     *         {@link ErrorCode#INVALID_ARGUMENT} for a bad name or a null path
     */
    Store open(String name, String path);

    /**
     * Removes all data of a store. Idempotent: destroying a store that does not exist does nothing.
     * A store that is still open is closed first (its handles then fail with
     * {@link ErrorCode#STORE_CLOSED}), so that no data outlives the call.
     *
     * @param name the store's name
     * @param path the directory given at creation
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} for a bad name or a null path;
     *         {@link ErrorCode#IO} if files cannot be removed
     */
    void destroy(String name, String path);

    /**
     * What this engine's stores can do. Constant for the life of the engine.
     *
     * @return the capabilities
     */
    Capabilities capabilities();
}
