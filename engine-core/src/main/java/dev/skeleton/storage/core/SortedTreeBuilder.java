package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * Builds a new {@link CopyOnWriteTree} from entries given in strictly ascending unsigned key order,
 * straight into its leaves: for loading a whole sorted snapshot (a checkpoint read back from disk,
 * say) where an {@link Editor} would first sort what is sorted already and a chain of
 * {@link CopyOnWriteTree#put} calls would copy a path per entry. Obtained from
 * {@link CopyOnWriteTree#sortedBuilder()}.
 *
 * <p>Each entry is written once into the leaf it ends in, and each node is made once: leaves are
 * filled up to the node width, a full leaf goes up to its parent level as the next child, and so
 * on up ({@link BuilderLevel}). The last node of each level is evened out with its neighbour if it
 * would be underfull, so the result obeys every rule a tree built by changes obeys and can be
 * changed like any other. Its nodes are full, as after a bulk {@link Editor#build()} on an empty
 * tree.
 *
 * <p>Not thread-safe: a builder belongs to the thread that fills it. Keys and values are kept as
 * given, not copied. After {@link #build()} the builder is spent.
 *
 * @param <V> the value type
 */
public final class SortedTreeBuilder<V> {

    private final TreeSettings<V> settings;
    private final BuilderLevel leaves;
    private byte[] lastKey;
    private long lastPrefix;
    private int size;
    private long weight;
    private boolean built;

    SortedTreeBuilder(TreeSettings<V> settings) {
        this.settings = settings;
        this.leaves = new BuilderLevel(0, settings);
    }

    /**
     * Appends an entry after all the entries added so far.
     *
     * @param key   the key, not null; greater than every key added before, in unsigned order
     * @param value the value, not null
     * @throws IllegalArgumentException if the key is not greater than the one added before it (the
     *                                  builder is unchanged then)
     * @throws IllegalStateException    if {@link #build()} has run
     */
    public void add(byte[] key, V value) {
        requireOpen();
        long prefix = KeyPrefix.of(key);
        if (lastKey != null && !ascends(prefix, key)) {
            throw new IllegalArgumentException("keys must be added in strictly ascending unsigned order");
        }
        leaves.add(key, prefix, value);
        lastKey = key;
        lastPrefix = prefix;
        size++;
        weight += key.length + settings.weightOf(value);
    }

    private boolean ascends(long prefix, byte[] key) {
        if (prefix != lastPrefix) {
            return prefix > lastPrefix;
        }
        return Arrays.compareUnsigned(lastKey, key) < 0;
    }

    /**
     * The number of entries added so far.
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    /**
     * Completes the tree and ends the builder.
     *
     * @return the tree of every entry added; empty if none was
     * @throws IllegalStateException if {@link #build()} has run already
     */
    public CopyOnWriteTree<V> build() {
        requireOpen();
        built = true;
        if (leaves.isEmpty()) {
            return CopyOnWriteTree.of(Node.EMPTY_LEAF, 0, 0, settings);
        }
        BuilderLevel level = leaves;
        while (!level.isTop()) {
            level.finish();
            level = level.above();
        }
        return CopyOnWriteTree.of(level.root(), size, weight, settings);
    }

    private void requireOpen() {
        if (built) {
            throw new IllegalStateException("the builder has been built; start a new one with sortedBuilder()");
        }
    }
}
