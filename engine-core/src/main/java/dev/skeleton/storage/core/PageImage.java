package dev.skeleton.storage.core;

/**
 * One node as a page: what an engine writes to disk and reads back. In a leaf
 * ({@code height == 0}) the slots are the entries' values; in an inner node they are the
 * children's {@link PageRef}s and the keys are the smallest key below each child. The arrays hold
 * exactly the node's slots. Handed over, never copied: neither side changes them afterwards.
 *
 * @param height 0 for a leaf, else the height above the leaves
 * @param keys   the keys, strictly ascending in unsigned order
 * @param slots  the values (leaf) or child references (inner node)
 */
public record PageImage(int height, byte[][] keys, Object[] slots) {

    /** @return whether the page is a leaf */
    public boolean isLeaf() {
        return height == 0;
    }

    /** @return the number of slots */
    public int size() {
        return keys.length;
    }
}
