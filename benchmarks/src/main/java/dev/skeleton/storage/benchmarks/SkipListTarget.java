package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.KeyValueVisitor;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The ordered baseline: a {@link ConcurrentSkipListMap} in unsigned byte order
 * ({@link Arrays#compareUnsigned(byte[], byte[])}, the order of the store contract), the standard
 * concurrent ordered map of the JDK.
 *
 * <p>To be fair it does what any {@link dev.skeleton.storage.Store} must do: it copies the key and
 * the value on the way in, the value on the way out, and hands visitors copies of each key and
 * value. It has neither transactions nor versions: {@link #writeAtomically} is plain puts and
 * {@link #snapshot} a full copy, the costs those features are measured against. Its iterations are
 * weakly consistent, not point-in-time snapshots as a store's are.
 */
final class SkipListTarget implements OrderedTarget {

    private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    @Override
    public byte[] get(byte[] key) {
        byte[] value = map.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public boolean has(byte[] key) {
        return map.containsKey(key);
    }

    @Override
    public void set(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key);
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        visitAll(map, Integer.MAX_VALUE, visitor);
    }

    @Override
    public void range(byte[] start, int limit, KeyValueVisitor visitor) {
        visitAll(map.tailMap(start, true), limit, visitor);
    }

    @Override
    public int writeAtomically(byte[][] keys, byte[] value) {
        for (byte[] key : keys) {
            set(key, value);
        }
        return 0;
    }

    @Override
    public Object snapshot() {
        return new ConcurrentSkipListMap<>(map);
    }

    @Override
    public long size() {
        return map.size();
    }

    @Override
    public void close() {
        map.clear();
    }

    private static void visitAll(Map<byte[], byte[]> entries, int limit, KeyValueVisitor visitor) {
        int left = limit;
        for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
            if (left-- == 0 || !visitor.visit(entry.getKey().clone(), entry.getValue().clone())) {
                return;
            }
        }
    }
}
