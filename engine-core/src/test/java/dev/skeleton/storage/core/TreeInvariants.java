package dev.skeleton.storage.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * White-box checks of a tree's structure, for tests: every property the search and the rebuild
 * rely on, checked node by node.
 */
final class TreeInvariants {

    private final TreeSettings<byte[]> settings;
    private byte[] previousKey;
    private int entries;
    private long weight;

    private TreeInvariants(int maxLeafSlots, int maxInnerSlots) {
        this.settings = new TreeSettings<>(value -> value.length, maxLeafSlots, maxInnerSlots);
    }

    /**
     * Checks a tree of byte[] values weighed by length.
     *
     * @throws AssertionError describing the first violation found
     */
    static void check(CopyOnWriteTree<byte[]> tree, int maxLeafSlots, int maxInnerSlots) {
        TreeInvariants invariants = new TreeInvariants(maxLeafSlots, maxInnerSlots);
        Node root = tree.root();
        require(root.isLeaf() || root.size >= 2, "an inner root has 2 children or more", root);
        invariants.checkNode(root, true);
        require(invariants.entries == tree.size(), "size() is " + tree.size() + " but the leaves hold "
                + invariants.entries, root);
        require(invariants.weight == tree.weight(), "weight() is " + tree.weight()
                + " but the entries weigh " + invariants.weight, root);
    }

    /** The nodes of {@code newer} that {@code older} does not hold, by identity. */
    static int countNodesNotIn(CopyOnWriteTree<?> older, CopyOnWriteTree<?> newer) {
        Set<Node> olderNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(older.root(), olderNodes);
        Set<Node> newerNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(newer.root(), newerNodes);
        newerNodes.removeAll(olderNodes);
        return newerNodes.size();
    }

    private static void collect(Node node, Set<Node> nodes) {
        nodes.add(node);
        if (!node.isLeaf()) {
            for (int i = 0; i < node.size; i++) {
                collect(node.child(i), nodes);
            }
        }
    }

    private void checkNode(Node node, boolean isRoot) {
        require(node.size <= settings.maxSlots(node.height), "at most max slots", node);
        require(isRoot || !settings.isUnderfull(node), "a non-root node is not underfull", node);
        require(node.keys.length >= node.size && node.prefixes.length >= node.size
                && node.slots.length >= node.size, "arrays hold size slots", node);
        for (int i = 0; i < node.size; i++) {
            require(node.prefixes[i] == KeyPrefix.of(node.keys[i]), "prefix " + i + " matches its key", node);
            require(i == 0 || Arrays.compareUnsigned(node.keys[i - 1], node.keys[i]) < 0,
                    "keys ascend strictly", node);
        }
        if (node.isLeaf()) {
            checkEntries(node);
        } else {
            checkChildren(node);
        }
    }

    private void checkEntries(Node leaf) {
        for (int i = 0; i < leaf.size; i++) {
            byte[] key = leaf.keys[i];
            require(previousKey == null || Arrays.compareUnsigned(previousKey, key) < 0,
                    "keys ascend across leaves", leaf);
            require(leaf.slots[i] != null, "values are not null", leaf);
            previousKey = key;
            entries++;
            weight += key.length + settings.weightOf(leaf.slots[i]);
        }
    }

    private void checkChildren(Node node) {
        for (int i = 0; i < node.size; i++) {
            Node child = node.child(i);
            require(child.height == node.height - 1, "children are one level lower", node);
            require(child.size > 0, "children are not empty", node);
            require(Arrays.equals(node.keys[i], child.keys[0]),
                    "key " + i + " is the smallest key of child " + i, node);
            checkNode(child, false);
        }
    }

    private static void require(boolean condition, String property, Node node) {
        if (!condition) {
            throw new AssertionError("tree invariant violated: " + property + " (node of height "
                    + node.height + " with " + node.size + " slots)");
        }
    }
}
