package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The reference engine: in memory, with transactions, versioning and range queries, and neither
 * persistence nor compression (the capabilities of the {@code memory} engine). Its stores are
 * {@link ReferenceStore}s; it knows one config key, {@value #MAX_VERSIONS}.
 *
 * <p>Lock model: the engine's monitor guards the set of open store paths. A store calls back into
 * the engine when it closes (order: store, then engine); the engine never calls a store while
 * holding its monitor, except the store's constructor.
 */
public class ReferenceEngine implements Engine {

    /** The config key of version retention. */
    public static final String MAX_VERSIONS = "max_versions";

    private static final int DEFAULT_MAX_VERSIONS = 100;
    private static final Pattern STORE_NAME = Pattern.compile(MultiStore.STORE_NAME_PATTERN);

    private final Function<StoreSettings, ? extends ReferenceStore> storeFactory;
    private final Set<String> openPaths = new HashSet<>();

    /** An engine making plain reference stores. */
    public ReferenceEngine() {
        this(ReferenceStore::new);
    }

    /**
     * An engine making stores with the given factory: the broken variants pass their own.
     *
     * @param storeFactory makes a store from its settings
     */
    public ReferenceEngine(Function<StoreSettings, ? extends ReferenceStore> storeFactory) {
        this.storeFactory = storeFactory;
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, true, false, false);
    }

    @Override
    public Store create(String name, String path, Config config) {
        requireNameAndPath(name, path);
        int maxVersions = maxVersions(config);
        return openStore(name, path, StoreImage.empty(maxVersions));
    }

    @Override
    public Store open(String name, String path) {
        requireNameAndPath(name, path);
        throw new StorageException(ErrorCode.STORE_NOT_FOUND,
                "store " + name + " not found: the reference engine keeps nothing after close");
    }

    @Override
    public void destroy(String name, String path) {
        requireNameAndPath(name, path);
        // A closed in-memory store has no data left to remove.
    }

    /**
     * Makes a store from an image, unless a store is open under that path.
     *
     * @param name  the store's name
     * @param path  the store's path
     * @param image its content
     * @return the open store
     */
    protected synchronized Store openStore(String name, String path, StoreImage image) {
        if (openPaths.contains(path)) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "store " + name + " is open already at " + path);
        }
        Store store = storeFactory.apply(new StoreSettings(name, path, image, finalImage -> closed(path, finalImage)));
        openPaths.add(path);
        return store;
    }

    /**
     * Called by a store on its first close.
     *
     * @param path       the store's path
     * @param finalImage its content at close
     */
    protected void closed(String path, StoreImage finalImage) {
        synchronized (this) {
            openPaths.remove(path);
        }
    }

    /**
     * Whether a store is open under a path.
     *
     * @param path the path
     * @return true if open
     */
    protected synchronized boolean isOpen(String path) {
        return openPaths.contains(path);
    }

    /**
     * Validates a configuration and reads {@value #MAX_VERSIONS} from it.
     *
     * @param config the configuration; null is empty
     * @return the setting
     */
    protected int maxVersions(Config config) {
        Config checked = config == null ? Config.empty() : config;
        checked.requireKnownKeys(name(), List.of(MAX_VERSIONS));
        return checked.getInt(MAX_VERSIONS, DEFAULT_MAX_VERSIONS);
    }

    /**
     * Fails with {@code INVALID_ARGUMENT} for a bad store name or a null path.
     *
     * @param name the name
     * @param path the path
     */
    protected static void requireNameAndPath(String name, String path) {
        if (name == null || !STORE_NAME.matcher(name).matches()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "store name must match " + MultiStore.STORE_NAME_PATTERN + ", was " + name);
        }
        if (path == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "path of store " + name + " must not be null");
        }
    }
}
