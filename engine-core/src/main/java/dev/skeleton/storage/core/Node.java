package dev.skeleton.storage.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One node of a {@link CopyOnWriteTree}: a leaf holding entries, or an inner node holding child
 * nodes. Immutable once constructed and shared, with one exception below (in-place editing): no
 * code writes into the key and prefix arrays of a node after its constructor has run, and none
 * writes the slots of a node that any tree handed out may reach.
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
 *
 * <h2>Pages</h2>
 * In a tree an engine keeps on disk, a child slot holds either the child node or a {@link PageRef}
 * to it, and {@link #child} reads it through the page cache; the memory engine's trees hold nodes
 * only. Two things may be written after construction, and neither changes what a node holds: the
 * {@link #stored() page} it was written as (once), and, right after that, a child slot holding a
 * node that is now on disk is replaced by the node's reference, so that the node can leave the
 * heap ({@link TreePages}). A reader racing with that replacement sees either the node or its
 * reference, which lead to equal content.
 *
 * <h2>In-place editing</h2>
 * A node made by a change under an {@link EditToken} is tagged with it ({@link #owner}), and a
 * later change under the same token may replace one of its slots in place ({@link #setSlot}): a
 * value in a leaf, or a child in an inner node whose key for that child stays the same. Only the
 * slots array is written, and only in nodes whose arrays are their own: an owned node is a fresh
 * copy whose slots array no other node holds (its key and prefix arrays may be shared, which is
 * why they are never written). The token's holder guarantees that no handed-out tree reaches an
 * owned node (see {@link EditToken}). A slot is written with release semantics and a leaf value
 * read with acquire semantics ({@link #valueAt}), so that a racing reader that sees a new value
 * also sees its contents.
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
    /** The value of each entry, or each child: a node or a {@link PageRef}. */
    final Object[] slots;
    /** The page this node was written as or read from; null while it is only in memory. */
    private volatile PageRef stored;
    /**
     * The token under which this node may be changed in place, or null when it may not. Written
     * once, by the change that made the node, before the node is published.
     */
    EditToken owner;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

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

    /** A node of the page an engine read back. */
    static Node of(PageImage page) {
        byte[][] keys = page.keys();
        long[] prefixes = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            prefixes[i] = KeyPrefix.of(keys[i]);
        }
        return new Node(page.height(), keys.length, keys, prefixes, page.slots());
    }

    /** The child at an index of an inner node, read from its page if it is not in memory. */
    Node child(int index) {
        return resolve(slots[index]);
    }

    /** A child slot's node: the node itself, or the node of its page. */
    static Node resolve(Object childSlot) {
        return childSlot instanceof Node node ? node : ((PageRef) childSlot).node();
    }

    /**
     * Whether two child slots lead to the same subtree without reading either: the same node, or
     * the same page (referenced, or the page a node in memory was written as).
     */
    static boolean sameChild(Object one, Object other) {
        if (one == other) {
            return true;
        }
        PageRef page = pageOf(one);
        return page != null && page.equals(pageOf(other));
    }

    /** The page of a child slot, or null for a node that is only in memory. */
    static PageRef pageOf(Object childSlot) {
        return childSlot instanceof PageRef ref ? ref : ((Node) childSlot).stored;
    }

    /**
     * Replaces a slot in place, with release semantics: only in a node {@link #owner owned} by
     * the caller's token, which no handed-out tree reaches.
     */
    void setSlot(int index, Object slot) {
        SLOT.setRelease(slots, index, slot);
    }

    /** A leaf's value, read with acquire semantics: see "In-place editing" above. */
    Object valueAt(int index) {
        return SLOT.getAcquire(slots, index);
    }

    /** The page this node was written as or read from, or null. */
    PageRef stored() {
        return stored;
    }

    /** Notes the page this node now lies in; once. */
    void markStored(PageRef page) {
        this.stored = page;
    }

    /**
     * Binary search for a key among the slots {@code from} and later.
     *
     * <p>The search runs on the prefixes first, without a branch that depends on the data: each
     * step halves the range by a conditional move, so a random key costs no mispredicted jumps
     * (half the steps of a branching search mispredict, about 15 cycles each). Only the slots
     * whose prefix equals the key's are then compared whole: usually one, the key itself; when
     * many keys share their first 8 bytes, a binary search among those.
     *
     * @return the slot index of the key if present; otherwise {@code -(insertionPoint + 1)}, as
     *         {@link Arrays#binarySearch(long[], long)} does
     */
    int search(byte[] key, long prefix, int from) {
        int low = firstPrefixNotBelow(prefix, from);
        if (low == size || prefixes[low] != prefix) {
            return -(low + 1);
        }
        if (low + 1 == size || prefixes[low + 1] != prefix) {
            // The common case: one slot has the key's prefix.
            int order = Arrays.compareUnsigned(keys[low], key);
            return order == 0 ? low : -(order > 0 ? low + 1 : low + 2);
        }
        // Keys that share their first 8 bytes ("user:123..."): a search of the whole keys among them.
        int high = prefix == Long.MAX_VALUE ? size - 1 : firstPrefixNotBelow(prefix + 1, low) - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(keys[middle], key);
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

    /** The first slot at {@code from} or later whose prefix is not below {@code prefix}, or {@link #size}. */
    private int firstPrefixNotBelow(long prefix, int from) {
        int remaining = size - from;
        if (remaining <= 0) {
            return from;
        }
        long[] sorted = prefixes;
        int base = from;
        while (remaining > 1) {
            int half = remaining >>> 1;
            // Written as a select, which the JIT compiles to a conditional move.
            base = sorted[base + half] < prefix ? base + half : base;
            remaining -= half;
        }
        return sorted[base] < prefix ? base + 1 : base;
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
}
