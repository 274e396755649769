package dev.skeleton.storage.core;

import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * An immutable ordered map from {@code byte[]} keys to values, in unsigned lexicographic key order
 * ({@link java.util.Arrays#compareUnsigned(byte[], byte[])}): a persistent copy-on-write B+tree.
 *
 * <h2>Contract</h2>
 * Every change returns a new tree and leaves this one as it was, valid forever: engines keep old
 * trees as saved versions and as the snapshots that iterations and transactions read. A tree is
 * deeply immutable (final fields all the way down, and no node is written after it is built), so
 * it may be handed to other threads without locks, even through a data race. Keys and values are
 * stored and returned as given, never copied: callers copy at the API boundary and never modify
 * an array after handing it to a tree. Keys and values must not be null; methods do not check.
 *
 * <p>One opt-in exception: {@link #put(byte[], Object, EditToken)} and
 * {@link #remove(byte[], EditToken)} change in place the nodes that earlier changes under the same
 * {@link EditToken} made, like the transient editing of persistent collections. A writer uses them
 * on its live tree only, and retires its token before it hands that tree out as a snapshot (see
 * {@link EditToken}); every tree handed out stays immutable forever, as above.
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li><b>Nodes</b> ({@link Node}): leaves hold up to 64 entries, inner nodes up to 64 children,
 *       so a million entries sit three or four levels deep. Each node keeps its keys in an array,
 *       and next to it a {@code long[]} of each key's first 8 bytes, read big-endian, zero-padded
 *       and sign-flipped so that signed comparison orders them like the unsigned keys
 *       ({@link KeyPrefix}). An inner node's key {@code i} is the smallest key below child
 *       {@code i}.</li>
 *   <li><b>Search</b>: a branch-free binary search per level over the prefix array, which lies
 *       contiguous in memory; a key array is dereferenced only for the slots whose prefix equals
 *       the key's ({@link Node#search}). A lookup allocates nothing.</li>
 *   <li><b>Path copying</b>: a change copies the leaf it touches and every node on the path to the
 *       root, pointing the copies at the untouched siblings, which the new tree shares with the
 *       old. A node that overflows is cut into even pieces; a node that falls below a third full
 *       is merged with a neighbour; a root with one child gives way to it. The common case, a
 *       single put or remove that fits in its leaf, takes a fast path ({@link LeafChange}) whose
 *       copies share the key and prefix arrays of the originals wherever the keys did not move,
 *       so that replacing a value copies one array of references per level. Under an
 *       {@link EditToken}, a node already copied under it is changed in place instead: overwriting a
 *       key of such a leaf writes one slot.</li>
 *   <li><b>Batches</b> ({@link Editor}): all changes of a batch are sorted first and applied in one
 *       pass ({@link TreeRebuilder}), so each node is copied at most once per batch however many of
 *       its entries change.</li>
 *   <li><b>Bulk loading</b> ({@link SortedTreeBuilder}): entries that come sorted already (a
 *       snapshot read back from disk) go straight into full leaves, bottom-up, each node made
 *       once.</li>
 *   <li><b>Diff</b> ({@link #diff}): two trees derived from one another share every untouched
 *       subtree by reference; walking both side by side and jumping over identical nodes costs
 *       time proportional to what changed, not to the size of the trees ({@link TreeDiff}).</li>
 *   <li><b>Size and weight</b> are kept in the tree object and updated by each change, so both
 *       are O(1).</li>
 * </ul>
 *
 * <h2>Why</h2>
 * Immutability gives the engines snapshots, saved versions and lock-free readers for free, and
 * makes saving a version O(1). Wide nodes with a prefix array keep a lookup to a few cache misses
 * where a skip list or a binary tree takes one per level of a much deeper structure; the price,
 * copying a few hundred bytes per level on a change, is what copy-on-write costs anyway, and wide
 * nodes keep the number of levels, hence of copies, small. In an informal single-threaded run at
 * a million random 16-byte keys, lookups ran about 5 times and puts 1.5 to 3 times as fast as in a
 * {@link java.util.concurrent.ConcurrentSkipListMap}.
 *
 * @param <V> the value type
 */
public final class CopyOnWriteTree<V> {

    private final Node root;
    private final int size;
    private final long weight;
    private final long storedLeavesCopied;
    private final TreeSettings<V> settings;

    private CopyOnWriteTree(Node root, int size, long weight, TreeSettings<V> settings) {
        this(root, size, weight, 0, settings);
    }

    private CopyOnWriteTree(Node root, int size, long weight, long storedLeavesCopied, TreeSettings<V> settings) {
        this.root = root;
        this.size = size;
        this.weight = weight;
        this.storedLeavesCopied = storedLeavesCopied;
        this.settings = settings;
    }

    /**
     * An empty tree; every tree derived from it weighs values with {@code valueWeight}.
     *
     * @param valueWeight the weight of a value (for instance {@code byte[]::length}), counted in
     *                    {@link #weight()} with the key lengths
     * @param <V>         the value type
     * @return an empty tree
     */
    public static <V> CopyOnWriteTree<V> empty(ToLongFunction<? super V> valueWeight) {
        return empty(valueWeight, TreeSettings.DEFAULT_MAX_LEAF_SLOTS,
                TreeSettings.DEFAULT_MAX_INNER_SLOTS);
    }

    /** An empty tree with chosen node widths: narrow nodes make deep trees out of few entries in tests. */
    static <V> CopyOnWriteTree<V> empty(ToLongFunction<? super V> valueWeight, int maxLeafSlots,
            int maxInnerSlots) {
        Objects.requireNonNull(valueWeight, "valueWeight");
        return new CopyOnWriteTree<>(Node.EMPTY_LEAF, 0, 0,
                new TreeSettings<>(valueWeight, maxLeafSlots, maxInnerSlots));
    }

    /**
     * The value stored at a key. Allocates nothing.
     *
     * @param key the key
     * @return the stored value (not a copy), or null if the key is absent
     */
    @SuppressWarnings("unchecked")
    public V get(byte[] key) {
        long prefix = KeyPrefix.of(key);
        Node node = root;
        while (!node.isLeaf()) {
            node = node.child(node.childIndex(key, prefix, 0));
        }
        int slot = node.search(key, prefix, 0);
        return slot >= 0 ? (V) node.valueAt(slot) : null;
    }

    /**
     * Whether a key is present.
     *
     * @param key the key
     * @return true if the tree holds the key
     */
    public boolean containsKey(byte[] key) {
        return get(key) != null;
    }

    /**
     * A tree in which {@code key} maps to {@code value}, and every other key as here.
     *
     * @param key   the key, not null
     * @param value the value, not null
     * @return the new tree; this tree if it already maps the key to this very value
     */
    public CopyOnWriteTree<V> put(byte[] key, V value) {
        LeafChange change = new LeafChange(root, key);
        Node newRoot = change.put(value, settings);
        if (newRoot == null) {
            return apply(Batch.single(key, value));
        }
        Object oldValue = change.oldValue();
        return oldValue == null
                ? withRoot(newRoot, 1, key.length + settings.weightOf(value), change.storedLeavesCopied())
                : withRoot(newRoot, 0, settings.weightOf(value) - settings.weightOf(oldValue),
                        change.storedLeavesCopied());
    }

    /**
     * A tree without {@code key}, and every other key as here.
     *
     * @param key the key, not null
     * @return the new tree; this tree if the key is absent
     */
    public CopyOnWriteTree<V> remove(byte[] key) {
        LeafChange change = new LeafChange(root, key);
        Node newRoot = change.remove(settings);
        if (newRoot == null) {
            return apply(Batch.single(key, Batch.REMOVED));
        }
        Object oldValue = change.oldValue();
        if (oldValue == null) {
            return this;
        }
        return withRoot(newRoot, -1, -(key.length + settings.weightOf(oldValue)), change.storedLeavesCopied());
    }

    /**
     * Like {@link #put(byte[], Object)}, but changes in place the nodes made under {@code owner}
     * and tags the nodes it makes with it (see {@link EditToken}): overwriting a key of a leaf this
     * token copied before writes one slot and allocates only the returned tree object.
     *
     * <p>This tree is no longer a snapshot afterwards: the caller must hold it (and every tree it
     * handed out since it took {@code owner}) to the promise of {@link EditToken}. Racing
     * {@link #get} calls on this tree see the key as it was or as it is now.
     *
     * @param key   the key, not null
     * @param value the value, not null
     * @param owner the caller's current token, not null
     * @return the tree after the change; this tree if it already maps the key to this very value
     */
    public CopyOnWriteTree<V> put(byte[] key, V value, EditToken owner) {
        Objects.requireNonNull(owner, "owner");
        long prefix = KeyPrefix.of(key);
        Node leaf = root;
        while (!leaf.isLeaf()) {
            leaf = leaf.child(leaf.childIndex(key, prefix, 0));
        }
        int found = leaf.search(key, prefix, 0);
        if (found >= 0 && leaf.owner == owner) {
            // The common overwrite, without the bookkeeping of a LeafChange.
            Object oldValue = leaf.slots[found];
            if (oldValue == value) {
                return this;
            }
            leaf.setSlot(found, value);
            return changed(root, 0, settings.weightOf(value) - settings.weightOf(oldValue), 0);
        }
        LeafChange change = new LeafChange(root, key, owner);
        Node newRoot = change.put(value, settings);
        if (newRoot == null) {
            return apply(Batch.single(key, value));
        }
        Object oldValue = change.oldValue();
        if (oldValue == value) {
            return this;
        }
        return oldValue == null
                ? changed(newRoot, 1, key.length + settings.weightOf(value), change.storedLeavesCopied())
                : changed(newRoot, 0, settings.weightOf(value) - settings.weightOf(oldValue),
                        change.storedLeavesCopied());
    }

    /**
     * Like {@link #remove(byte[])}, but changes in place the nodes made under {@code owner} and
     * tags the nodes it makes with it; see {@link #put(byte[], Object, EditToken)}.
     *
     * @param key   the key, not null
     * @param owner the caller's current token, not null
     * @return the tree after the change; this tree if the key is absent
     */
    public CopyOnWriteTree<V> remove(byte[] key, EditToken owner) {
        Objects.requireNonNull(owner, "owner");
        LeafChange change = new LeafChange(root, key, owner);
        Object oldValue = change.oldValue();
        if (oldValue == null) {
            return this;
        }
        Node newRoot = change.remove(settings);
        if (newRoot == null) {
            return apply(Batch.single(key, Batch.REMOVED));
        }
        return changed(newRoot, -1, -(key.length + settings.weightOf(oldValue)), change.storedLeavesCopied());
    }

    /**
     * The number of entries. O(1).
     *
     * @return the number of entries
     */
    public int size() {
        return size;
    }

    /**
     * Whether the tree has no entries.
     *
     * @return true if {@link #size()} is 0
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The sum over all entries of the key length plus the value's weight. O(1).
     *
     * @return the total weight
     */
    public long weight() {
        return weight;
    }

    /**
     * A cursor over the entries whose keys lie in {@code [startInclusive, endExclusive)}.
     *
     * @param startInclusive the lowest key to visit; null or empty for no lower bound
     * @param endExclusive   the key to stop before; null or empty for no upper bound
     * @param ascending      true to walk from the lowest key up, false from the highest key down
     * @return a cursor positioned before its first entry; empty when both bounds are given and
     *         {@code startInclusive >= endExclusive}
     */
    public TreeCursor<V> cursor(byte[] startInclusive, byte[] endExclusive, boolean ascending) {
        return new RangeCursor<>(root, startInclusive, endExclusive, ascending);
    }

    /**
     * An editor that applies a batch of changes to this tree in one pass; see {@link Editor}.
     *
     * @return a new editor whose source is this tree
     */
    public Editor<V> edit() {
        return new Editor<>(this);
    }

    /**
     * Applies the entries of another tree to this one as changes, in one pass like an
     * {@link Editor}, but without sorting them first: a tree's entries are in key order already.
     * Each key of {@code changes} is set to its value, or removed where its value is
     * {@code removal} (compared by identity), as in a {@link WriteSet#snapshot()} with its
     * {@link WriteSet#tombstone()}. Keys and values are kept as they are, not copied.
     *
     * @param changes the changes; unchanged
     * @param removal the value that marks a key to remove; never stored
     * @return the new tree; this tree itself if no change had an effect
     */
    public CopyOnWriteTree<V> applySorted(CopyOnWriteTree<V> changes, V removal) {
        if (changes.isEmpty()) {
            return this;
        }
        byte[][] keys = new byte[changes.size()][];
        Object[] values = new Object[keys.length];
        TreeCursor<V> cursor = changes.cursor(null, null, true);
        for (int i = 0; cursor.next(); i++) {
            keys[i] = cursor.key();
            V value = cursor.value();
            values[i] = value == removal ? Batch.REMOVED : value;
        }
        return apply(Batch.ofSorted(keys, values));
    }

    /**
     * Reports to {@code visitor}, in ascending key order, every entry that differs between two
     * trees: keys only in {@code from} as removed, keys only in {@code to} as added, keys in both
     * with values that differ by reference as changed. Correct for any two trees; for trees
     * derived from one another it skips their shared subtrees, so its cost is proportional to the
     * number of changed entries times the node width, not to the size of the trees.
     *
     * @param from    the older tree
     * @param to      the newer tree
     * @param visitor receives the differences
     * @param <V>     the value type
     */
    public static <V> void diff(CopyOnWriteTree<V> from, CopyOnWriteTree<V> to,
            TreeDiffVisitor<V> visitor) {
        TreeDiff.between(from.root, to.root, visitor);
    }

    /**
     * A builder of a new tree from entries in ascending key order, loaded straight into leaves; see
     * {@link SortedTreeBuilder}. The new tree shares this tree's settings (how values are weighed,
     * how wide nodes grow) but none of its entries: call it on an empty tree.
     *
     * @return a new builder
     */
    public SortedTreeBuilder<V> sortedBuilder() {
        return new SortedTreeBuilder<>(settings);
    }

    /**
     * Writes every node of this tree that is not on disk yet as a page, children before parents,
     * and lets go of them: from then on they are read back through the page cache of the
     * references the writer returns. See {@link TreePages}. One thread at a time per store;
     * readers and writers of this and derived trees may go on meanwhile.
     *
     * @param writer writes one page
     * @return the root's page
     */
    public PageRef writePages(PageWriter writer) {
        return TreePages.write(root, writer);
    }

    /**
     * The page of this tree's root, if the tree is on disk as it is.
     *
     * @return the root's page, or null if the root is not written (yet)
     */
    public PageRef storedRoot() {
        return root.stored();
    }

    /**
     * A tree whose root is a page on disk, read now; its other nodes are read when needed. The tree
     * takes this tree's settings.
     *
     * @param rootPage the root's page
     * @param size     its number of entries
     * @param weight   its weight (see {@link #weight()})
     * @return the tree
     */
    public CopyOnWriteTree<V> withStoredRoot(PageRef rootPage, int size, long weight) {
        return new CopyOnWriteTree<>(rootPage.node(), size, weight, settings);
    }

    /**
     * Walks this tree's pages as the visitor directs: every page below a node looked into is
     * offered to it, and only those it enters are read. Nodes not on disk are always looked into.
     *
     * @param visitor decides and receives
     */
    public void visitPages(PageVisitor<V> visitor) {
        TreePages.visit(root, visitor);
    }

    /** A tree of a finished root; used by {@link SortedTreeBuilder}. */
    static <V> CopyOnWriteTree<V> of(Node root, int size, long weight, TreeSettings<V> settings) {
        return new CopyOnWriteTree<>(root, size, weight, settings);
    }

    /** Applies a batch; used by {@link #put}, {@link #remove} and {@link Editor#build()}. */
    CopyOnWriteTree<V> apply(Batch batch) {
        TreeRebuilder rebuilder = new TreeRebuilder(batch, settings);
        Node newRoot = rebuilder.rebuildRoot(root);
        return withRoot(newRoot, rebuilder.sizeChange(), rebuilder.weightChange(), rebuilder.storedLeavesCopied());
    }

    /**
     * A tree after a change that may have been made in place (so the root may be the same node):
     * always a new tree object, with the new size and weight.
     */
    private CopyOnWriteTree<V> changed(Node newRoot, int sizeChange, long weightChange, int leavesCopied) {
        return new CopyOnWriteTree<>(newRoot, size + sizeChange, weight + weightChange,
                storedLeavesCopied + leavesCopied, settings);
    }

    /** This tree if the root did not change, else a tree of the new root. */
    private CopyOnWriteTree<V> withRoot(Node newRoot, int sizeChange, long weightChange, int leavesCopied) {
        return newRoot == root ? this : changed(newRoot, sizeChange, weightChange, leavesCopied);
    }

    /**
     * How many times the changes that led to this tree copied a leaf that was on disk (counted from
     * the tree the history started from). Between two trees derived from one another, the
     * difference is about how many leaves the newer one holds in memory that are not written yet:
     * an engine that pages its trees bounds its memory with it. (About: a leaf written while the
     * change ran is not counted, and neither are copies a saved version keeps alive.)
     *
     * @return the count
     */
    public long storedLeavesCopied() {
        return storedLeavesCopied;
    }

    /** The root node, for white-box tests of the structure. */
    Node root() {
        return root;
    }

    @Override
    public String toString() {
        return "CopyOnWriteTree[size=" + size + ", weight=" + weight + ", height=" + root.height + "]";
    }
}
