package dev.skeleton.storage.itests.fileengine;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A small persistent engine for the integration tests, named {@value #NAME}: each store is one text
 * file, {@code <path>/data.txt}, rewritten on every write (see {@link LineFileStore}). Its data lives
 * only in files, so it survives the engine's bundle being stopped, updated or uninstalled, which is
 * what the tests of engines coming and going need until the real file engine exists.
 *
 * <p>Only the persistence capability; no configuration keys. Thread-safe.
 */
public final class LineFileEngine implements Engine {

    /** The engine's name, also its {@code engine.name} service property. */
    public static final String NAME = "linefile";

    private static final Capabilities CAPABILITIES = new Capabilities(false, false, false, true, false);

    /** Open stores by path, so that destroy can close one first. */
    private final ConcurrentMap<String, LineFileStore> open = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        if (config != null) {
            config.requireKnownKeys("engine " + NAME, Set.of());
        }
        Path file = LineFileStore.fileOf(path);
        if (Files.exists(file)) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "store " + name + " exists at " + file);
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot create directory " + path + " of store " + name, e);
        }
        return track(LineFileStore.create(name, path, open::remove));
    }

    @Override
    public Store open(String name, String path) {
        if (!Files.exists(LineFileStore.fileOf(path))) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "no store " + name + " at " + path);
        }
        return track(LineFileStore.load(name, path, open::remove));
    }

    private Store track(LineFileStore store) {
        open.put(store.path(), store);
        return store;
    }

    @Override
    public void destroy(String name, String path) {
        LineFileStore store = open.get(path);
        if (store != null) {
            store.close();
        }
        try {
            Files.deleteIfExists(LineFileStore.fileOf(path));
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot delete store " + name + " at " + path, e);
        }
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }
}
