package dev.skeleton.storage.file;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Sorts many keys into unsigned lexicographic order, stably (equal keys keep their order), by radix
 * rather than by comparison: for replaying a log, where hundreds of thousands of keys come in
 * random order and a comparison sort spends most of its time on cache misses between key arrays.
 *
 * <h2>How</h2>
 * The keys' first 8 bytes, read big-endian and zero-padded into a {@code long}, are sorted by a
 * least-significant-digit radix sort (16-bit digits, or 8-bit ones for small ranges; a digit that
 * all keys share costs one counting pass and no moves). The sort is stable, so keys whose 8 bytes
 * are equal end up next to each other in their original order. Such a run is settled the same way
 * on the next 8 bytes: first, stably by length, the keys that end within the 8 bytes just compared
 * (padded equal, the shorter one is a prefix of the longer, so smaller), then the longer ones
 * recursively. Ranges of fewer than {@value #SMALL} keys are insertion-sorted and runs that still
 * agree after {@value #RADIX_BYTES} bytes merge-sorted, both by comparing whole keys. Random keys
 * take one radix sort; keys that share a common prefix take one more per 8 shared bytes.
 *
 * <p>Stateless and thread-safe; its working arrays live for one call.
 */
final class KeyOrder {

    /** Below this many keys, an insertion sort beats counting passes. */
    private static final int SMALL = 32;
    /**
     * Keys that agree on this many bytes are compared whole instead: one radix level per 8 shared
     * bytes would otherwise nest as deep as the keys are long.
     */
    private static final int RADIX_BYTES = 64;
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[][] keys;
    private final int[] order;
    private final long[] words;
    private final int[] spareOrder;
    private final long[] spareWords;

    private KeyOrder(byte[][] keys, int count) {
        this.keys = keys;
        this.order = new int[count];
        this.words = new long[count];
        this.spareOrder = new int[count];
        this.spareWords = new long[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
    }

    /**
     * The order of the keys.
     *
     * @param keys  the keys; not changed
     * @param count how many of them, from index 0, to sort
     * @return the indexes of the first {@code count} keys, ascending by key, and for equal keys by
     *         index
     */
    static int[] of(byte[][] keys, int count) {
        KeyOrder sorter = new KeyOrder(keys, count);
        sorter.sort(0, count, 0);
        return sorter.order;
    }

    /** Sorts {@code order[from, to)}, whose keys agree (zero-padded) on their first {@code offset} bytes. */
    private void sort(int from, int to, int offset) {
        if (to - from < SMALL) {
            insertionSort(from, to);
            return;
        }
        if (offset >= RADIX_BYTES) {
            comparisonSort(from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            words[i] = word(keys[order[i]], offset);
        }
        radixSort(from, to);
        int start = from;
        while (start < to) {
            int end = start + 1;
            while (end < to && words[end] == words[start]) {
                end++;
            }
            if (end - start > 1) {
                settleTie(start, end, offset + Long.BYTES);
            }
            start = end;
        }
    }

    /**
     * Orders a run of keys that agree (zero-padded) on their first {@code agreed} bytes: those no
     * longer than that by length, then the longer ones by what follows.
     */
    private void settleTie(int from, int to, int agreed) {
        int buckets = Long.BYTES + 2;
        int[] count = new int[buckets + 1];
        for (int i = from; i < to; i++) {
            count[lengthBucket(keys[order[i]].length, agreed) + 1]++;
        }
        if (count[buckets] == to - from) {
            sort(from, to, agreed);
            return;
        }
        for (int b = 0; b < buckets; b++) {
            count[b + 1] += count[b];
        }
        int longerFrom = from + count[buckets - 1];
        for (int i = from; i < to; i++) {
            spareOrder[from + count[lengthBucket(keys[order[i]].length, agreed)]++] = order[i];
        }
        System.arraycopy(spareOrder, from, order, from, to - from);
        if (to - longerFrom > 1) {
            sort(longerFrom, to, agreed);
        }
    }

    /** Bucket 0..8 for keys that end within the last 8 agreed bytes (by length), 9 for longer keys. */
    private static int lengthBucket(int length, int agreed) {
        if (length > agreed) {
            return Long.BYTES + 1;
        }
        return Math.max(0, length - (agreed - Long.BYTES));
    }

    /** Stable LSD radix sort of {@code order[from, to)} by the unsigned value of {@code words}. */
    private void radixSort(int from, int to) {
        int size = to - from;
        int bits = size >= 1 << 16 ? 16 : 8;
        int mask = (1 << bits) - 1;
        int[] count = new int[(1 << bits) + 1];
        for (int shift = 0; shift < Long.SIZE; shift += bits) {
            Arrays.fill(count, 0);
            for (int i = from; i < to; i++) {
                count[((int) (words[i] >>> shift) & mask) + 1]++;
            }
            if (count[((int) (words[from] >>> shift) & mask) + 1] == size) {
                continue;
            }
            for (int d = 0; d < mask + 1; d++) {
                count[d + 1] += count[d];
            }
            for (int i = from; i < to; i++) {
                int target = from + count[(int) (words[i] >>> shift) & mask]++;
                spareOrder[target] = order[i];
                spareWords[target] = words[i];
            }
            System.arraycopy(spareOrder, from, order, from, size);
            System.arraycopy(spareWords, from, words, from, size);
        }
    }

    /** A stable comparison sort, for keys that share more than {@value #RADIX_BYTES} bytes. */
    private void comparisonSort(int from, int to) {
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = order[i];
        }
        // Sorting objects is stable: equal keys keep their index order.
        Arrays.sort(boxed, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        for (int i = from; i < to; i++) {
            order[i] = boxed[i - from];
        }
    }

    private void insertionSort(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int moving = order[i];
            int j = i - 1;
            while (j >= from && Arrays.compareUnsigned(keys[order[j]], keys[moving]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = moving;
        }
    }

    /** Bytes {@code [offset, offset + 8)} of a key, big-endian, zero-padded past its end. */
    private static long word(byte[] key, int offset) {
        if (key.length >= offset + Long.BYTES) {
            return (long) BIG_ENDIAN_LONG.get(key, offset);
        }
        long bits = 0;
        for (int i = offset; i < key.length; i++) {
            bits |= (key[i] & 0xFFL) << (Long.SIZE - Byte.SIZE * (i - offset + 1));
        }
        return bits;
    }
}
