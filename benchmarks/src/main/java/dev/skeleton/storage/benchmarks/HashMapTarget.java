package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.KeyValueVisitor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unordered baseline: a {@link ConcurrentHashMap} keyed by {@link ByteArrayKey}, the upper
 * limit of what a concurrent in-memory map does per key when it owes no order. The memory engine
 * is not expected to reach it; it shows how far ordering, snapshots and versions cost.
 *
 * <p>To be fair it does what any {@link dev.skeleton.storage.Store} must do: it copies the key and
 * the value on the way in, the value on the way out, and hands visitors copies of each key and
 * value (in no particular order). Look-ups wrap the caller's key without copying it.
 */
final class HashMapTarget implements KeyValueTarget {

    private final ConcurrentHashMap<ByteArrayKey, byte[]> map = new ConcurrentHashMap<>();

    @Override
    public byte[] get(byte[] key) {
        byte[] value = map.get(new ByteArrayKey(key));
        return value == null ? null : value.clone();
    }

    @Override
    public boolean has(byte[] key) {
        return map.containsKey(new ByteArrayKey(key));
    }

    @Override
    public void set(byte[] key, byte[] value) {
        map.put(new ByteArrayKey(key.clone()), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        map.remove(new ByteArrayKey(key));
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        for (Map.Entry<ByteArrayKey, byte[]> entry : map.entrySet()) {
            if (!visitor.visit(entry.getKey().bytes().clone(), entry.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public long size() {
        return map.size();
    }

    @Override
    public void close() {
        map.clear();
    }
}
