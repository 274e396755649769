package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * The differences between two trees, found by walking both in key order side by side and jumping
 * over every subtree the two share.
 *
 * <p>Two trees derived from one another share every node that no change touched, by reference.
 * When both walks stand at the first entry of one and the same node (same object, hence same
 * entries), both jump past it without reading it. Otherwise the walk compares the current entries
 * as a merge of two sorted sequences: a key only on the old side was removed, a key only on the
 * new side was added, a key on both sides with values that differ by reference was changed.
 *
 * <p>The cost is therefore proportional to the number of changed entries times the node width
 * (the entries of each copied leaf are compared one by one) times the height (each jump re-descends
 * to a leaf), not to the size of the trees. Unrelated trees share nothing and the walk degrades
 * to a full merge, which is still correct.
 *
 * <p>Nodes are shared only between trees of the same settings, and a shared node sits at the same
 * height (distance from the leaves) in both trees, so the two walks look for it at the same level
 * even when the trees' heights differ.
 *
 * <p>Before walking, {@link #between} takes a faster path for the commonest change, overwritten
 * values: a copy that only replaced values keeps its node's key array, so two nodes with the same
 * key array (same object) hold the same keys at the same indexes and their slots can be paired by
 * index without reading a single key. Comparing keys costs a cache miss each on a large tree, so
 * this path matters for the cost of saving a version after many overwrites.
 */
final class TreeDiff<V> {

    private final TreePath older;
    private final TreePath newer;
    private final TreeDiffVisitor<V> visitor;
    private long steps;

    TreeDiff(Node olderRoot, Node newerRoot, TreeDiffVisitor<V> visitor) {
        this.older = new TreePath(olderRoot);
        this.newer = new TreePath(newerRoot);
        this.visitor = visitor;
    }

    /**
     * Reports every difference between two subtrees of the same height to the visitor: pairs the
     * slots of nodes with the same keys by index, and walks the rest.
     *
     * @param older   the old subtree
     * @param newer   the new subtree
     * @param visitor receives the differences
     * @param <V>     the value type
     */
    @SuppressWarnings("unchecked")
    static <V> void between(Node older, Node newer, TreeDiffVisitor<V> visitor) {
        if (Node.sameChild(older, newer)) {
            return;
        }
        if (!sameKeys(older, newer)) {
            new TreeDiff<>(older, newer, visitor).run();
            return;
        }
        for (int i = 0; i < older.size; i++) {
            if (older.isLeaf()) {
                if (older.slots[i] != newer.slots[i]) {
                    visitor.changed(older.keys[i], (V) older.slots[i], (V) newer.slots[i]);
                }
            } else if (!Node.sameChild(older.slots[i], newer.slots[i])) {
                between(older.child(i), newer.child(i), visitor);
            }
        }
    }

    /**
     * Same height and the same keys at the same indexes: the very same key array, or, for inner
     * nodes, arrays with equal keys (a copy made when a child's first key moved and moved back, or
     * by a rebuild that kept the children). Comparing up to 64 keys costs less than the walk below,
     * which reads every child of a node whose keys differ, and in a paged tree that means reading
     * them from disk.
     */
    private static boolean sameKeys(Node older, Node newer) {
        if (older.size != newer.size || older.height != newer.height) {
            return false;
        }
        if (older.keys == newer.keys) {
            return true;
        }
        if (older.isLeaf()) {
            return false;
        }
        for (int i = 0; i < older.size; i++) {
            if (older.prefixes[i] != newer.prefixes[i] || !Arrays.equals(older.keys[i], newer.keys[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reports every difference to the visitor.
     *
     * @return the number of steps the walk took (entries compared plus subtrees skipped), a
     *         measure of its cost
     */
    long run() {
        older.seekFirst();
        newer.seekFirst();
        while (!older.isExhausted() && !newer.isExhausted()) {
            steps++;
            if (!skipSharedNode()) {
                compareCurrentEntries();
            }
        }
        reportRemainingAsRemoved();
        reportRemainingAsAdded();
        return steps;
    }

    /** Jumps both walks over the highest node both stand at the start of, if there is one. */
    private boolean skipSharedNode() {
        int highest = Math.min(older.freshLevel(), newer.freshLevel());
        for (int level = highest; level >= 0; level--) {
            if (Node.sameChild(older.nodeAt(level), newer.nodeAt(level))) {
                older.skipNode(level);
                newer.skipNode(level);
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private void compareCurrentEntries() {
        int order = Arrays.compareUnsigned(older.key(), newer.key());
        if (order < 0) {
            visitor.removed(older.key(), (V) older.value());
            older.next();
        } else if (order > 0) {
            visitor.added(newer.key(), (V) newer.value());
            newer.next();
        } else {
            if (older.value() != newer.value()) {
                visitor.changed(older.key(), (V) older.value(), (V) newer.value());
            }
            older.next();
            newer.next();
        }
    }

    @SuppressWarnings("unchecked")
    private void reportRemainingAsRemoved() {
        for (; !older.isExhausted(); older.next()) {
            steps++;
            visitor.removed(older.key(), (V) older.value());
        }
    }

    @SuppressWarnings("unchecked")
    private void reportRemainingAsAdded() {
        for (; !newer.isExhausted(); newer.next()) {
            steps++;
            visitor.added(newer.key(), (V) newer.value());
        }
    }
}
