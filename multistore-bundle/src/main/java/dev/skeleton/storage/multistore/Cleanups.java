package dev.skeleton.storage.multistore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What interrupted transfers left for an engine to destroy (a staged store, the old copy of a
 * moved store), by store name, until that engine is registered and has destroyed it. While one is
 * pending, the name cannot be used for a new store: the leftover may hold it on its engine.
 * Thread-safe.
 */
final class Cleanups {

    /**
     * What an interrupted transfer left of a store.
     *
     * @param name   the store's name
     * @param engine the engine that destroys it
     * @param path   the path it was made at
     */
    record Cleanup(String name, String engine, String path) {
    }

    private final Map<String, Cleanup> pending = new ConcurrentHashMap<>();

    void add(Cleanup cleanup) {
        pending.put(cleanup.name(), cleanup);
    }

    /** @return the cleanup pending for a name, or null */
    Cleanup of(String name) {
        return pending.get(name);
    }

    /** @return the cleanups that wait for an engine */
    List<Cleanup> dueFor(String engine) {
        return pending.values().stream().filter(c -> c.engine().equals(engine)).toList();
    }

    void done(Cleanup cleanup) {
        pending.remove(cleanup.name(), cleanup);
    }

    Set<String> names() {
        return new TreeSet<>(pending.keySet());
    }
}
