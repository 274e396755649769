package dev.skeleton.storage.benchmarks;

import java.util.Arrays;

/**
 * A byte-array key compared by content, for the hash-map baseline: {@code byte[]} itself has
 * identity equality. The hash is computed once, as {@link String} caches its own. The wrapper
 * does not copy the array; whoever stores one wraps a copy.
 */
final class ByteArrayKey {

    private final byte[] bytes;
    private final int hash;

    ByteArrayKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The wrapped array itself, not a copy. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteArrayKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
