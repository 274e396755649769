package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * One node of a {@link CopyOnWriteTree}: a leaf holding entries, or an inner node holding child
 * nodes. Immutable once constructed: every field is final and no code writes into the arrays of a
 * node after its constructor has run.
 *
 * <h2>Layout</h2>
 * Both kinds hold {@link #size} slots in parallel arrays (which may be longer than {@code size};
 * the tail is unused):
 * <ul>
 *   <li>{@link #keys}{@code [i]}: in a leaf, the key of entry {@code i}; in an inner node, the
 *       smallest key of child {@code i}'s subtree. Keys are strictly ascending in unsigned order.</li>
 *   <li>{@link #prefixes}{@code [i]}: {@link KeyPrefix#of} of {@code keys[i]}, so that a binary
 *       search compares longs and reads a key array only when two prefixes tie.</li>
 *   <li>{@link #slots}{@code [i]}: in a leaf, the value of entry {@code i}; in an inner node,
 *       child {@code i}, a node of height {@code height - 1}.</li>
 * </ul>
 * Because an inner node's key {@code i} is the smallest key below child {@code i}, a key belongs
 * to the last child whose key is not greater than it (or to child 0 when it is smaller than all).
 * The invariant holds exactly because every change rebuilds all the ancestors of what it
 * changed, and each rebuilt node takes its keys from its (new) children.
 *
 * <p>One class for both kinds, told apart by {@link #height} (0 for a leaf), keeps the search and
 * the rebuilding code in one place: splitting, merging and chunking slots works the same way
 * whether the slots are entries or children.
 */
final class Node {

    /** The root of the empty tree: a leaf without entries. */
    static final Node EMPTY_LEAF = new Node(0, 0, new byte[0][], new long[0], new Object[0]);

    /** 0 for a leaf; otherwise one more than the height of the children. */
    final int height;
    /** The number of slots in use; the arrays may be longer. */
    final int size;
    /** The key of each entry, or the smallest key below each child. */
    final byte[][] keys;
    /** The sortable prefix of each key in {@link #keys}. */
    final long[] prefixes;
    /** The value of each entry, or each child node. */
    final Object[] slots;

    Node(int height, int size, byte[][] keys, long[] prefixes, Object[] slots) {
        this.height = height;
        this.size = size;
        this.keys = keys;
        this.prefixes = prefixes;
        this.slots = slots;
    }

    boolean isLeaf() {
        return height == 0;
    }

    Node child(int index) {
        return (Node) slots[index];
    }

    /**
     * Binary search for a key among the slots {@code from} and later.
     *
     * @return the slot index of the key if present; otherwise {@code -(insertionPoint + 1)}, as
     *         {@link Arrays#binarySearch(long[], long)} does
     */
    int search(byte[] key, long prefix, int from) {
        int low = from;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compareSlot(middle, key, prefix);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /**
     * The child of this inner node, at index {@code from} or later, whose subtree holds the key if
     * the tree holds it, and where the key would go if not.
     */
    int childIndex(byte[] key, long prefix, int from) {
        int found = search(key, prefix, from);
        if (found >= 0) {
            return found;
        }
        return Math.max(from, -found - 2);
    }

    /** Unsigned order of the key in slot {@code index} relative to {@code key}. */
    private int compareSlot(int index, byte[] key, long prefix) {
        long slotPrefix = prefixes[index];
        if (slotPrefix != prefix) {
            return slotPrefix < prefix ? -1 : 1;
        }
        return Arrays.compareUnsigned(keys[index], key);
    }
}
