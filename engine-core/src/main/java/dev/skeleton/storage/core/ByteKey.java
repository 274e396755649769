package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * A byte array as a hash key, compared by content. The array is not copied: callers hand over
 * arrays that nobody changes afterwards.
 */
public final class ByteKey {
    private final byte[] bytes;
    private final int hash;

    /**
     * Wraps an array.
     *
     * @param bytes the key, not copied, never changed afterwards
     */
    public ByteKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Keys.describe(bytes);
    }
}
