package dev.skeleton.storage.core;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;

/** Keys, values and trees for the unit tests. */
final class TreeTestData {

    private TreeTestData() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    /** A 4-byte big-endian key: numeric order and unsigned byte order agree. */
    static byte[] intKey(int number) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(number).array();
    }

    static int intOf(byte[] key) {
        return ByteBuffer.wrap(key).getInt();
    }

    static CopyOnWriteTree<byte[]> emptyTree() {
        return CopyOnWriteTree.empty(value -> value.length);
    }

    /** A tree of the given node widths holding keys {@code intKey(0..count-1)}, value = key. */
    static CopyOnWriteTree<byte[]> intTree(int count, int maxLeafSlots, int maxInnerSlots) {
        Editor<byte[]> editor = CopyOnWriteTree.<byte[]>empty(value -> value.length, maxLeafSlots,
                maxInnerSlots).edit();
        for (int i = 0; i < count; i++) {
            byte[] key = intKey(i);
            editor.put(key, key);
        }
        return editor.build();
    }

    /** A default-width tree holding keys {@code intKey(0..count-1)}, value = key. */
    static CopyOnWriteTree<byte[]> intTree(int count) {
        return intTree(count, TreeSettings.DEFAULT_MAX_LEAF_SLOTS, TreeSettings.DEFAULT_MAX_INNER_SLOTS);
    }
}
