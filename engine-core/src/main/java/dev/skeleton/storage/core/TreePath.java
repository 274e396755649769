package dev.skeleton.storage.core;

/**
 * A position in a tree: the path from the root to one entry, as the node and the slot index at
 * every level (level 0 is the leaf, level {@code top} the root). Moving to the next or previous
 * entry changes the deepest index that can move and re-descends below it, so a full walk visits
 * each node once and a step costs O(1) amortised.
 *
 * <p>The path can also jump over the whole subtree of a node on it ({@link #skipNode}) when the
 * position is that node's first entry ({@link #freshLevel}): this is how {@link TreeDiff} steps
 * over subtrees that two trees share.
 *
 * <p>Only reads immutable nodes, so any number of paths may walk one tree from any threads; a
 * path itself is not thread-safe.
 */
final class TreePath {

    private final Node[] nodes;
    private final int[] indexes;
    private final int top;
    private boolean exhausted;

    TreePath(Node root) {
        this.top = root.height;
        this.nodes = new Node[top + 1];
        this.indexes = new int[top + 1];
        nodes[top] = root;
    }

    /** Moves to the smallest entry. */
    void seekFirst() {
        indexes[top] = 0;
        descendFirst(top);
        settleForward(0);
    }

    /** Moves to the largest entry. */
    void seekLast() {
        indexes[top] = nodes[top].size - 1;
        descendLast(top);
        settleBackward(0);
    }

    /** Moves to the smallest entry whose key is at least {@code key}. */
    void seekAtLeast(byte[] key) {
        int slot = descendTowards(key);
        indexes[0] = slot >= 0 ? slot : -slot - 1;
        settleForward(0);
    }

    /** Moves to the largest entry whose key is less than {@code key}. */
    void seekBelow(byte[] key) {
        int slot = descendTowards(key);
        indexes[0] = (slot >= 0 ? slot : -slot - 1) - 1;
        settleBackward(0);
    }

    /** True once a move went past the first or the last entry (or the tree is empty). */
    boolean isExhausted() {
        return exhausted;
    }

    byte[] key() {
        return nodes[0].keys[indexes[0]];
    }

    Object value() {
        return nodes[0].slots[indexes[0]];
    }

    /** Moves to the next entry in ascending order. */
    void next() {
        indexes[0]++;
        settleForward(0);
    }

    /** Moves to the previous entry in ascending order. */
    void previous() {
        indexes[0]--;
        settleBackward(0);
    }

    /**
     * The highest level whose node starts at the current entry (all indexes up to it are 0), or
     * -1 if the entry is not the first of its leaf.
     */
    int freshLevel() {
        int level = -1;
        while (level < top && indexes[level + 1] == 0) {
            level++;
        }
        return level;
    }

    /** The node on the path at a level. */
    Node nodeAt(int level) {
        return nodes[level];
    }

    /** Moves to the first entry after the subtree of the node at {@code level}. */
    void skipNode(int level) {
        if (level == top) {
            exhausted = true;
            return;
        }
        indexes[level + 1]++;
        settleForward(level + 1);
    }

    /** Descends from the root along the key; returns the leaf search result. */
    private int descendTowards(byte[] key) {
        long prefix = KeyPrefix.of(key);
        for (int level = top; level > 0; level--) {
            int child = nodes[level].childIndex(key, prefix, 0);
            indexes[level] = child;
            nodes[level - 1] = nodes[level].child(child);
        }
        return nodes[0].search(key, prefix, 0);
    }

    /** Climbs while the index at a level has run past its node's end, then descends leftmost. */
    private void settleForward(int level) {
        int current = level;
        while (indexes[current] >= nodes[current].size) {
            if (current == top) {
                exhausted = true;
                return;
            }
            current++;
            indexes[current]++;
        }
        descendFirst(current);
    }

    /** Climbs while the index at a level has run before its node's start, then descends rightmost. */
    private void settleBackward(int level) {
        int current = level;
        while (indexes[current] < 0) {
            if (current == top) {
                exhausted = true;
                return;
            }
            current++;
            indexes[current]--;
        }
        descendLast(current);
    }

    private void descendFirst(int level) {
        for (int current = level; current > 0; current--) {
            nodes[current - 1] = nodes[current].child(indexes[current]);
            indexes[current - 1] = 0;
        }
    }

    private void descendLast(int level) {
        for (int current = level; current > 0; current--) {
            Node child = nodes[current].child(indexes[current]);
            nodes[current - 1] = child;
            indexes[current - 1] = child.size - 1;
        }
    }
}
