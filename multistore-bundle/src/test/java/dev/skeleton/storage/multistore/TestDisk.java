package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Config;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The "disk" of {@link PersistentTestEngine}: what outlives an engine instance. Engine instances
 * handed the same disk see the same stores, as a restarted process sees the same files.
 *
 * <p>Per store path it keeps the config saved at creation and the entries written when the store
 * was last closed, plus which paths are open right now (so that opening a store twice, or a new
 * engine instance opening a store its predecessor never closed, is {@code STORE_EXISTS}).
 * Every method is synchronized; maps are copied in and out.
 */
final class TestDisk {

    private final Map<String, Config> configs = new HashMap<>();
    private final Map<String, NavigableMap<byte[], byte[]>> contents = new HashMap<>();
    private final Set<String> open = new HashSet<>();

    /** A map in the contract's key order (unsigned lexicographic). */
    static NavigableMap<byte[], byte[]> newMap() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    static NavigableMap<byte[], byte[]> copyOf(NavigableMap<byte[], byte[]> data) {
        NavigableMap<byte[], byte[]> copy = newMap();
        copy.putAll(data);
        return copy;
    }

    synchronized boolean exists(String path) {
        return contents.containsKey(path);
    }

    /** Makes an empty store that remembers its config. */
    synchronized void format(String path, Config config) {
        configs.put(path, config);
        contents.put(path, newMap());
    }

    synchronized NavigableMap<byte[], byte[]> read(String path) {
        return copyOf(contents.get(path));
    }

    synchronized void write(String path, NavigableMap<byte[], byte[]> data) {
        if (contents.containsKey(path)) {
            contents.put(path, copyOf(data));
        }
    }

    synchronized void erase(String path) {
        configs.remove(path);
        contents.remove(path);
    }

    synchronized Config config(String path) {
        return configs.get(path);
    }

    /** Marks a store open; false if it is open already. */
    synchronized boolean markOpen(String path) {
        return open.add(path);
    }

    synchronized void markClosed(String path) {
        open.remove(path);
    }

    synchronized boolean isOpen(String path) {
        return open.contains(path);
    }

    /** The value of a UTF-8 key as flushed to disk, or null if absent. */
    synchronized String valueOnDisk(String path, String key) {
        NavigableMap<byte[], byte[]> data = contents.get(path);
        byte[] value = data == null ? null : data.get(key.getBytes(StandardCharsets.UTF_8));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
