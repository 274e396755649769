package dev.skeleton.storage.file;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The process that {@link LargerThanHeapTest} starts with a heap much smaller than the data: loads
 * {@code count} entries (16-byte keys in ascending order, 100-byte values derived from the key)
 * into a new store with a small {@code cache_size}, changes one entry in fifty at random places,
 * closes it, opens it again and reads every entry back in a scattered order, checking each value. Prints {@code OK <entries> <bytes of data> <most heap used>} and exits
 * 0, or dies (an {@link OutOfMemoryError} or a wrong value exits non-zero).
 */
public final class LargerThanHeapChild {

    static final int VALUE_BYTES = 100;

    private LargerThanHeapChild() {
    }

    /**
     * Runs the load and the read-back.
     *
     * @param args the store's directory, the number of entries, the cache size in bytes
     */
    public static void main(String[] args) {
        String path = args[0];
        int count = Integer.parseInt(args[1]);
        String cacheSize = args[2];
        long mostUsed = 0;
        FileEngine engine = new FileEngine();
        try (Store store = engine.create("big", path, Config.of("sync", "never", "cache_size", cacheSize))) {
            for (int i = 0; i < count; i++) {
                store.set(key(i), value(i));
                if (i % 50_000 == 0) {
                    mostUsed = Math.max(mostUsed, usedHeap());
                }
            }
            for (int n = 0; n < count / CHANGED_ONE_IN; n++) {
                int i = scattered(n, count);
                store.set(key(i), value(i + count));
            }
        }
        java.util.Set<Integer> changed = new java.util.HashSet<>();
        for (int n = 0; n < count / CHANGED_ONE_IN; n++) {
            changed.add(scattered(n, count));
        }
        try (Store store = engine.open("big", path)) {
            for (int n = 0; n < count; n++) {
                int i = scattered(n, count);
                byte[] found = store.get(key(i));
                if (!Arrays.equals(found, value(changed.contains(i) ? i + count : i))) {
                    throw new AssertionError("wrong value for entry " + i);
                }
                if (n % 50_000 == 0) {
                    mostUsed = Math.max(mostUsed, usedHeap());
                }
            }
            long[] seen = {0};
            store.iterate((key, value) -> {
                seen[0]++;
                return true;
            });
            if (seen[0] != count) {
                throw new AssertionError("iteration saw " + seen[0] + " entries of " + count);
            }
        }
        System.out.println("OK " + count + " " + (long) count * (16 + VALUE_BYTES) + " " + mostUsed);
    }

    /** One entry in this many is changed after the load. */
    static final int CHANGED_ONE_IN = 50;

    /** Entry i's key: 16 bytes, ascending with i. */
    static byte[] key(int i) {
        return ByteBuffer.allocate(16).putLong(i).putLong(~i).array();
    }

    /** The n-th of a scattered walk over {@code [0, count)} that visits every entry once (count odd or even). */
    static int scattered(int n, int count) {
        return (int) ((n * 1_000_003L) % count);
    }

    static byte[] value(int i) {
        byte[] value = new byte[VALUE_BYTES];
        long x = i * 0xD1B54A32D192ED03L + 1;
        for (int b = 0; b < VALUE_BYTES; b++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            value[b] = (byte) x;
        }
        return value;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
