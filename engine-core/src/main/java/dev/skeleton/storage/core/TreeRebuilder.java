package dev.skeleton.storage.core;

/**
 * Applies a {@link Batch} to a tree in one top-down pass and returns the new root, copying each
 * node that the batch touches exactly once and sharing every other node with the old tree.
 *
 * <p>The batch is sorted, so the changes that fall into one child of an inner node form one
 * contiguous range of it: a node is rebuilt by walking its children in order, keeping the ones no
 * change falls into as they are and rebuilding the others recursively with their range. A leaf is
 * rebuilt by merging its entries with its changes. Each rebuilt node yields its replacement as
 * zero or more <em>pieces</em> of its own height (none when all its entries went, several when it
 * overflowed), which its parent collects in a {@link SlotList} that merges underfull pieces with a
 * neighbour; the parent is then cut into pieces in turn. Above the old root, pieces are stacked
 * into new levels until one root remains, and a root left with a single child gives way to it, so
 * that all leaves stay at the same depth.
 *
 * <p>A node none of whose changes has any effect (removing absent keys, storing the value already
 * there, by reference) is not copied: an unchanged tree keeps its root, which is how
 * {@link CopyOnWriteTree#remove} returns the same tree for an absent key.
 *
 * <p>Single-use and not thread-safe: one rebuilder per batch.
 */
final class TreeRebuilder {

    private final Batch batch;
    private final TreeSettings<?> settings;
    private int sizeChange;
    private long weightChange;
    private int storedLeavesCopied;

    TreeRebuilder(Batch batch, TreeSettings<?> settings) {
        this.batch = batch;
        this.settings = settings;
    }

    /** How many entries the batch added, minus how many it removed. */
    int sizeChange() {
        return sizeChange;
    }

    /** The change in total weight (key lengths plus value weights) the batch made. */
    long weightChange() {
        return weightChange;
    }

    /** How many of the leaves rebuilt were on disk. */
    int storedLeavesCopied() {
        return storedLeavesCopied;
    }

    /**
     * Applies the whole batch below {@code root}.
     *
     * @return the new root, or {@code root} itself if nothing changed
     */
    Node rebuildRoot(Node root) {
        SlotList pieces = new SlotList(root.height + 1, 2, settings);
        if (!rebuild(root, 0, batch.size(), pieces)) {
            return root;
        }
        pieces.finishChildren();
        return collapse(stackLevels(pieces));
    }

    /** Builds levels above the pieces until a single node (or none) remains. */
    private Node stackLevels(SlotList pieces) {
        SlotList level = pieces;
        while (level.count() > 1) {
            Node[] nodes = level.toNodes();
            SlotList above = new SlotList(nodes[0].height + 1, nodes.length, settings);
            for (Node node : nodes) {
                above.add(node.keys[0], node.prefixes[0], node);
            }
            level = above;
        }
        return level.count() == 0 ? Node.EMPTY_LEAF : Node.resolve(level.slot(0));
    }

    /** Drops roots that have a single child: they add height without adding choice. */
    private static Node collapse(Node root) {
        Node node = root;
        while (!node.isLeaf() && node.size == 1) {
            node = node.child(0);
        }
        return node;
    }

    /**
     * Applies the changes {@code [from, to)}, all of which belong in {@code node}'s subtree, and
     * adds the pieces that replace the node to {@code out}.
     *
     * @return false, having added nothing, if no change had an effect
     */
    private boolean rebuild(Node node, int from, int to, SlotList out) {
        return node.isLeaf() ? rebuildLeaf(node, from, to, out) : rebuildInner(node, from, to, out);
    }

    private boolean rebuildLeaf(Node leaf, int from, int to, SlotList out) {
        SlotList entries = null;
        int next = 0;
        for (int change = from; change < to; change++) {
            int found = leaf.search(batch.key(change), batch.prefix(change), next);
            int position = found >= 0 ? found : -found - 1;
            byte[] oldKey = found >= 0 ? leaf.keys[found] : null;
            Object oldValue = found >= 0 ? leaf.slots[found] : null;
            if (entries != null) {
                entries.addRun(leaf, next, position);
                applyChange(change, oldKey, oldValue, entries);
            } else if (hasEffect(change, oldValue)) {
                entries = new SlotList(0, leaf.size + (to - from), settings);
                entries.addRun(leaf, 0, position);
                applyChange(change, oldKey, oldValue, entries);
            }
            next = found >= 0 ? found + 1 : position;
        }
        if (entries == null) {
            return false;
        }
        if (leaf.stored() != null) {
            storedLeavesCopied++;
        }
        entries.addRun(leaf, next, leaf.size);
        addPieces(entries, out);
        return true;
    }

    private boolean hasEffect(int change, Object oldValue) {
        Object newValue = batch.change(change);
        return newValue == Batch.REMOVED ? oldValue != null : newValue != oldValue;
    }

    /**
     * Appends the outcome of one change to the entries and accounts for it.
     *
     * @param oldKey   the stored key equal to the change's key, or null if absent
     * @param oldValue the stored value, or null if absent
     */
    private void applyChange(int change, byte[] oldKey, Object oldValue, SlotList entries) {
        Object newValue = batch.change(change);
        byte[] key = batch.key(change);
        if (newValue == Batch.REMOVED) {
            if (oldKey != null) {
                sizeChange--;
                weightChange -= key.length + settings.weightOf(oldValue);
            }
            return;
        }
        if (oldKey == null) {
            entries.add(key, batch.prefix(change), newValue);
            sizeChange++;
            weightChange += key.length + settings.weightOf(newValue);
            return;
        }
        entries.add(oldKey, batch.prefix(change), newValue);
        if (newValue != oldValue) {
            weightChange += settings.weightOf(newValue) - settings.weightOf(oldValue);
        }
    }

    private boolean rebuildInner(Node node, int from, int to, SlotList out) {
        SlotList children = null;
        int nextChild = 0;
        int change = from;
        while (change < to) {
            int child = node.childIndex(batch.key(change), batch.prefix(change), nextChild);
            int end = endOfChild(node, child, change, to);
            if (children != null) {
                children.addUnchangedChildren(node, nextChild, child);
                if (!rebuild(node.child(child), change, end, children)) {
                    children.addUnchangedChildren(node, child, child + 1);
                }
            } else {
                SlotList candidate = new SlotList(node.height, node.size + 1, settings);
                candidate.addRun(node, 0, child);
                if (rebuild(node.child(child), change, end, candidate)) {
                    children = candidate;
                }
            }
            nextChild = child + 1;
            change = end;
        }
        if (children == null) {
            return false;
        }
        children.addUnchangedChildren(node, nextChild, node.size);
        children.finishChildren();
        addPieces(children, out);
        return true;
    }

    /** The end of the range of changes, starting at {@code from}, that fall into one child. */
    private int endOfChild(Node node, int child, int from, int to) {
        int next = child + 1;
        return next < node.size ? batch.firstAtLeast(from, to, node.keys[next], node.prefixes[next]) : to;
    }

    private void addPieces(SlotList slots, SlotList out) {
        for (Node piece : slots.toNodes()) {
            out.addChild(piece);
        }
    }
}
