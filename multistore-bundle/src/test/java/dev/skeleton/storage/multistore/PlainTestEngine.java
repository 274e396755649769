package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-persistent engine without any capability: its stores are {@link MapStore}s that implement
 * {@link Store} only, so their handles must show no optional interface. Stores live while open;
 * {@code open} is always STORE_NOT_FOUND. Counts the closes of its stores.
 */
final class PlainTestEngine implements Engine {

    static final String NAME = "plain";

    final AtomicInteger closes = new AtomicInteger();
    private final Map<String, MapStore> open = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        MapStore store = new MapStore(name, path, TestDisk.newMap(), () -> { }, data -> {
            open.remove(path);
            closes.incrementAndGet();
        });
        if (open.putIfAbsent(path, store) != null) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "plain store " + name + " is open");
        }
        return store;
    }

    @Override
    public Store open(String name, String path) {
        throw new StorageException(ErrorCode.STORE_NOT_FOUND, "plain stores do not outlive being closed: " + name);
    }

    @Override
    public void destroy(String name, String path) {
        MapStore store = open.get(path);
        if (store != null) {
            store.close();
        }
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, false, false, false, false);
    }
}
