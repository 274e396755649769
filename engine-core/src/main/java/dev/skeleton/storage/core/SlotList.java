package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * The slots of one level under construction: the entries of a leaf being rebuilt, or the children
 * of an inner node being rebuilt (or of the new nodes above the root). When the list is complete,
 * {@link #toNodes()} cuts it into nodes of {@link #height}.
 *
 * <p>Two ways to add slots. The raw ones ({@link #add}, {@link #addRun}) append as they are: used
 * for entries and for children that did not change. {@link #addChild} is for a child that a
 * rebuild produced: if it is underfull it is merged with its left neighbour (or, when it is the
 * first child, held back and merged with the next child), so that the tree stays balanced without
 * a separate rebalancing pass. Merging copies the neighbour, which is the only copy of an
 * unchanged node that a rebuild makes.
 *
 * <p>Not thread-safe; a list lives inside one rebuild. Once {@link #toNodes()} has run, the arrays
 * may belong to a node, and the list must not be used again.
 */
final class SlotList {

    private final int height;
    private final TreeSettings<?> settings;
    private byte[][] keys;
    private long[] prefixes;
    private Object[] slots;
    private int count;
    /** An underfull child that no left neighbour could absorb; merged into the next child added. */
    private Node pendingUnderfull;

    /**
     * @param height   the height of the nodes this list becomes
     * @param capacity the expected number of slots (the list grows beyond it if needed)
     */
    SlotList(int height, int capacity, TreeSettings<?> settings) {
        this.height = height;
        this.settings = settings;
        int initial = Math.max(capacity, 1);
        this.keys = new byte[initial][];
        this.prefixes = new long[initial];
        this.slots = new Object[initial];
    }

    int count() {
        return count;
    }

    /** The slot at an index: an entry's value, or a child (a node or a {@link PageRef}). */
    Object slot(int index) {
        return slots[index];
    }

    /** Appends one slot as it is. */
    void add(byte[] key, long prefix, Object slot) {
        ensureCapacity(count + 1);
        keys[count] = key;
        prefixes[count] = prefix;
        slots[count] = slot;
        count++;
    }

    /** Appends the slots {@code [from, to)} of a node as they are. */
    void addRun(Node node, int from, int to) {
        int length = to - from;
        if (length <= 0) {
            return;
        }
        ensureCapacity(count + length);
        System.arraycopy(node.keys, from, keys, count, length);
        System.arraycopy(node.prefixes, from, prefixes, count, length);
        System.arraycopy(node.slots, from, slots, count, length);
        count += length;
    }

    /**
     * Appends the unchanged children {@code [from, to)} of an inner node, first merging a pending
     * underfull child into the first of them.
     */
    void addUnchangedChildren(Node parent, int from, int to) {
        int firstRaw = from;
        if (firstRaw < to && pendingUnderfull != null) {
            addChild(parent.child(firstRaw));
            firstRaw++;
        }
        addRun(parent, firstRaw, to);
    }

    /** Appends a rebuilt child, merging it with a neighbour if it is underfull. */
    void addChild(Node child) {
        if (pendingUnderfull != null) {
            Node pending = pendingUnderfull;
            pendingUnderfull = null;
            addMerged(pending, child);
        } else if (!settings.isUnderfull(child)) {
            addNode(child);
        } else if (count == 0) {
            pendingUnderfull = child;
        } else {
            addMerged(removeLastNode(), child);
        }
    }

    /**
     * Ends a list of children. A child still pending met no neighbour on either side: it is alone
     * in the list (a child is held back only while the list is empty), so it stays as it is, and
     * the node it ends up in, underfull itself, is merged one level up.
     */
    void finishChildren() {
        if (pendingUnderfull != null) {
            addNode(pendingUnderfull);
            pendingUnderfull = null;
        }
    }

    /**
     * Cuts the slots into as few nodes of {@link #height} as fit, of even sizes: none when the list
     * is empty, one when the slots fit in one node (which then takes over this list's arrays).
     */
    Node[] toNodes() {
        if (count == 0) {
            return new Node[0];
        }
        int max = settings.maxSlots(height);
        if (count <= max) {
            return new Node[] {singleNode()};
        }
        int pieces = (count + max - 1) / max;
        Node[] nodes = new Node[pieces];
        for (int piece = 0; piece < pieces; piece++) {
            int from = (int) ((long) count * piece / pieces);
            int to = (int) ((long) count * (piece + 1) / pieces);
            nodes[piece] = copyRange(from, to);
        }
        return nodes;
    }

    private Node singleNode() {
        boolean tooMuchSlack = keys.length > count + count / 4 + 1;
        if (tooMuchSlack) {
            return copyRange(0, count);
        }
        return new Node(height, count, keys, prefixes, slots);
    }

    private Node copyRange(int from, int to) {
        return new Node(height, to - from, Arrays.copyOfRange(keys, from, to),
                Arrays.copyOfRange(prefixes, from, to), Arrays.copyOfRange(slots, from, to));
    }

    private void addNode(Node node) {
        add(node.keys[0], node.prefixes[0], node);
    }

    private Node removeLastNode() {
        count--;
        Node last = Node.resolve(slots[count]);
        keys[count] = null;
        slots[count] = null;
        return last;
    }

    /** Appends the contents of two adjacent nodes as one node, or two if they do not fit in one. */
    private void addMerged(Node left, Node right) {
        SlotList merged = new SlotList(left.height, left.size + right.size, settings);
        merged.addContentsOf(left);
        merged.addContentsOf(right);
        merged.finishChildren();
        for (Node node : merged.toNodes()) {
            if (count == 0 && settings.isUnderfull(node)) {
                pendingUnderfull = node;
            } else {
                addNode(node);
            }
        }
    }

    /**
     * Appends every slot of a node: entries as they are, children one by one through
     * {@link #addChild}. An inner node is merged because it is underfull, which may be because it
     * lost all children but one underfull child; among its new siblings that child merges too.
     */
    private void addContentsOf(Node node) {
        if (node.isLeaf()) {
            addRun(node, 0, node.size);
            return;
        }
        for (int i = 0; i < node.size; i++) {
            addChild(node.child(i));
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= keys.length) {
            return;
        }
        int capacity = Math.max(needed, keys.length * 2);
        keys = Arrays.copyOf(keys, capacity);
        prefixes = Arrays.copyOf(prefixes, capacity);
        slots = Arrays.copyOf(slots, capacity);
    }
}
