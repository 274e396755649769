package dev.skeleton.storage.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The first 8 bytes of a key as one {@code long}, so that a search compares keys with one
 * machine instruction instead of a loop over two arrays.
 *
 * <p>The bytes are read big-endian (the first byte is the most significant), a key shorter than 8
 * bytes is padded with zeros, and the sign bit is flipped. Flipping the sign bit turns unsigned
 * order into signed order, so the result compares with plain {@code <} and {@code >}: for two
 * keys {@code a} and {@code b}, {@code of(a) < of(b)} implies {@code a < b} in unsigned
 * lexicographic order, and {@code of(a) > of(b)} implies {@code a > b}. Equal prefixes say
 * nothing (the keys may differ after byte 8, or only in length, as {@code "a"} and
 * {@code "a\0"} do), and the caller then compares the whole arrays.
 */
final class KeyPrefix {

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private KeyPrefix() {
    }

    /**
     * The sortable prefix of a key.
     *
     * @param key the key, not null
     * @return its first 8 bytes, big-endian, zero-padded, with the sign bit flipped
     */
    static long of(byte[] key) {
        return bigEndianBits(key) ^ Long.MIN_VALUE;
    }

    private static long bigEndianBits(byte[] key) {
        if (key.length >= Long.BYTES) {
            return (long) BIG_ENDIAN_LONG.get(key, 0);
        }
        long bits = 0;
        for (int i = 0; i < key.length; i++) {
            bits |= (key[i] & 0xFFL) << (Long.SIZE - Byte.SIZE * (i + 1));
        }
        return bits;
    }
}
