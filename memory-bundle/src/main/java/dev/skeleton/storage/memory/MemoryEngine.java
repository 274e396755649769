package dev.skeleton.storage.memory;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.core.Arguments;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.service.component.annotations.Component;

/**
 * The "memory" engine: stores that live in the heap, with serializable transactions, versions and
 * range queries, and no persistence. Found by OSGi as a Declarative Services component with
 * {@code engine.name=memory}, and by {@link java.util.ServiceLoader} outside OSGi.
 *
 * <p>A store is identified by its path (which holds no files). While it is open, creating it again
 * is {@link ErrorCode#STORE_EXISTS}; closing it discards its data. {@link #open} is always
 * {@link ErrorCode#STORE_NOT_FOUND}, since nothing outlives a memory store. {@link #destroy} closes
 * an open store.
 *
 * <p>Configuration: see {@link MemoryConfig} ({@code max_versions}, {@code max_size}).
 *
 * <p>Thread-safe: any number of threads may create, open and destroy stores at once.
 */
@Component(service = Engine.class, property = Engine.ENGINE_NAME_PROPERTY + "=" + MemoryEngine.NAME)
public final class MemoryEngine implements Engine {

    /** This engine's name. */
    public static final String NAME = "memory";

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, false, false);

    /** Open stores by path. */
    private final ConcurrentMap<String, MemoryStore> open = new ConcurrentHashMap<>();

    /** Creates the engine; it holds no store until {@link #create} is called. */
    public MemoryEngine() {
        // Public no-argument constructor for ServiceLoader and Declarative Services.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        Arguments.storeName(name);
        Arguments.path(path, name);
        MemoryConfig settings = MemoryConfig.from(config == null ? Config.empty() : config);
        MemoryStore store = new MemoryStore(name, path, settings, closed -> open.remove(path, closed));
        if (open.putIfAbsent(path, store) != null) {
            throw new StorageException(ErrorCode.STORE_EXISTS,
                    "memory store " + name + " at " + path + " is already open");
        }
        return store;
    }

    @Override
    public Store open(String name, String path) {
        Arguments.storeName(name);
        Arguments.path(path, name);
        throw new StorageException(ErrorCode.STORE_NOT_FOUND, "memory store " + name + " at " + path
                + " cannot be opened: memory stores do not outlive being closed");
    }

    @Override
    public void destroy(String name, String path) {
        Arguments.storeName(name);
        Arguments.path(path, name);
        MemoryStore store = open.get(path);
        if (store != null) {
            store.close();
        }
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String toString() {
        return "MemoryEngine[open stores=" + open.size() + "]";
    }
}
