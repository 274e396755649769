package dev.skeleton.storage.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a transaction has read: single keys (found or probed and missing) and key ranges it iterated.
 * At commit, a key changed by another commit conflicts when this set {@link #covers(byte[]) covers}
 * it. Not thread-safe: its transaction guards it.
 */
public final class ReadSet {
    private final Set<ByteKey> keys = new HashSet<>();
    private final List<KeyRange> ranges = new ArrayList<>();

    /**
     * Records a key read or probed.
     *
     * @param key the key; not copied, must not change afterwards
     */
    public void addKey(byte[] key) {
        keys.add(new ByteKey(key));
    }

    /**
     * Records a range iterated.
     *
     * @param range the part of the key space the iteration walked
     */
    public void addRange(KeyRange range) {
        ranges.add(range);
    }

    /**
     * Whether a change to {@code key} would change what the transaction read.
     *
     * @param key a changed key
     * @return true if the key was read or lies in an iterated range
     */
    public boolean covers(byte[] key) {
        if (keys.contains(new ByteKey(key))) {
            return true;
        }
        for (KeyRange range : ranges) {
            if (range.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether nothing was read.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return keys.isEmpty() && ranges.isEmpty();
    }
}
