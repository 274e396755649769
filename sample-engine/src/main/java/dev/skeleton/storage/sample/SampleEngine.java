package dev.skeleton.storage.sample;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * The "sample" engine: how small a third-party engine can be. It is written against the public API
 * alone, keeps its stores in the heap, offers none of the optional capabilities, and passes the
 * compliance kit. Drop its jar into the {@code deploy/} folder of a running platform and the
 * engine appears; remove the jar and it goes.
 *
 * <p>Found by OSGi as a Declarative Services component with {@code engine.name=sample}, and by
 * {@link java.util.ServiceLoader} outside OSGi. A store is identified by its path, which holds no
 * files. It has no configuration keys: any key but those a framework adds is
 * {@link ErrorCode#INVALID_CONFIG}. {@link #open} is always {@link ErrorCode#STORE_NOT_FOUND}, since
 * nothing outlives a store of this engine.
 *
 * <p>Thread-safe: any number of threads may create, open and destroy stores at once.
 */
@Component(service = Engine.class, property = Engine.ENGINE_NAME_PROPERTY + "=" + SampleEngine.NAME)
public final class SampleEngine implements Engine {

    /** This engine's name. */
    public static final String NAME = "sample";

    private static final Capabilities CAPABILITIES = new Capabilities(false, false, false, false, false);
    private static final Pattern STORE_NAME = Pattern.compile(MultiStore.STORE_NAME_PATTERN);

    /** Open stores by path: a path holds at most one open store. */
    private final ConcurrentMap<String, SampleStore> open = new ConcurrentHashMap<>();

    /** Creates the engine; ServiceLoader and Declarative Services need this constructor. */
    public SampleEngine() {
        // No state beyond the open stores.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        checkArguments(name, path);
        (config == null ? Config.empty() : config).requireKnownKeys(NAME, List.of());
        SampleStore store = new SampleStore(name, path, closed -> open.remove(path, closed));
        if (open.putIfAbsent(path, store) != null) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "sample store " + name + " at " + path + " is already open");
        }
        return store;
    }

    @Override
    public Store open(String name, String path) {
        checkArguments(name, path);
        throw new StorageException(ErrorCode.STORE_NOT_FOUND,
                "sample store " + name + " at " + path + " cannot be opened: its data ended when it was closed");
    }

    @Override
    public void destroy(String name, String path) {
        checkArguments(name, path);
        SampleStore store = open.get(path);
        if (store != null) {
            store.close();
        }
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    private static void checkArguments(String name, String path) {
        if (name == null || !STORE_NAME.matcher(name).matches()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "invalid store name " + (name == null ? "null" : "\"" + name + "\"")
                            + ": it must match " + MultiStore.STORE_NAME_PATTERN);
        }
        if (path == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "no path given for store " + name);
        }
    }

    @Override
    public String toString() {
        return "SampleEngine[open stores=" + open.size() + "]";
    }
}
