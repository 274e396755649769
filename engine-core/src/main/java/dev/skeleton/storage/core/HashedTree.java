package dev.skeleton.storage.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A tree together with the state of its content hash ({@link ContentHash}, defined in
 * {@link dev.skeleton.storage.VersionInfo}): what makes the hash of any other tree of the same store
 * cost what differs between the two, not the size of either.
 *
 * <h2>How it works</h2>
 * {@link #advancedTo} walks the {@link CopyOnWriteTree#diff diff} of this tree and the target,
 * which jumps over every subtree the two share, and subtracts each entry that left and adds each
 * entry that came, in a new accumulator started from this state. Every changed entry costs 17
 * SHA-256 blocks, so large change sets are hashed on the common fork-join pool, each part into an
 * accumulator of its own, and the parts summed (the sum does not depend on the order). How an
 * entry enters the hash is the engine's {@link EntryHasher}.
 *
 * <h2>Thread safety</h2>
 * Immutable as far as anyone can tell: the state is kept as bytes, copied into a new accumulator
 * for each advance, and the digest is computed at its first use (not at construction: every open
 * makes one, and the first SHA-256 of a JVM costs a fresh JVM's open about 15 ms of setting up the
 * security providers) and kept; two threads that race to compute it compute the same bytes. The trees a store hands out never change either. So a
 * store can take a {@code HashedTree} under its lock (a reference read) and advance it outside, on
 * any thread, while the store goes on changing.
 *
 * @param <V> the value type
 */
public final class HashedTree<V> {

    /** Below this many changed entries, hashing on one thread beats handing work to others. */
    private static final int PARALLEL_THRESHOLD = 512;

    private final CopyOnWriteTree<V> tree;
    private final byte[] state;
    /** SHA-256 of {@link #state}, once computed; written once, by whichever thread gets there first. */
    private volatile byte[] digest;
    private final EntryHasher<V> hasher;

    private HashedTree(CopyOnWriteTree<V> tree, ContentHash hash, EntryHasher<V> hasher) {
        this.tree = tree;
        this.state = hash.state();
        this.hasher = hasher;
    }

    /**
     * An empty tree and the state of the empty content (all lanes zero).
     *
     * @param empty  the store's empty tree
     * @param hasher how entries enter the hash
     * @param <V>    the value type
     * @return the hashed tree
     */
    public static <V> HashedTree<V> empty(CopyOnWriteTree<V> empty, EntryHasher<V> hasher) {
        return new HashedTree<>(empty, new ContentHash(), hasher);
    }

    /**
     * A tree with a state computed for it before (kept on disk, or by another history).
     *
     * @param tree   the tree
     * @param state  {@link ContentHash#state()} for its content
     * @param hasher how entries enter the hash
     * @param <V>    the value type
     * @return the hashed tree
     * @throws IllegalArgumentException if the state is not 512 bytes
     */
    public static <V> HashedTree<V> of(CopyOnWriteTree<V> tree, byte[] state, EntryHasher<V> hasher) {
        return new HashedTree<>(tree, ContentHash.fromState(state), hasher);
    }

    /**
     * The hash brought to another tree, at the cost of the entries that differ between the two.
     *
     * @param target the tree to hash: derived from this one, or this one from it (any tree of the
     *               store gives the right hash; only the cost depends on what the two share)
     * @return the target with its hash; this one if the target is this tree
     */
    public HashedTree<V> advancedTo(CopyOnWriteTree<V> target) {
        if (target == tree) {
            return this;
        }
        List<EntryChange<V>> changes = new ArrayList<>();
        CopyOnWriteTree.diff(tree, target, new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, V value) {
                changes.add(new EntryChange<>(key, null, value));
            }

            @Override
            public void removed(byte[] key, V value) {
                changes.add(new EntryChange<>(key, value, null));
            }

            @Override
            public void changed(byte[] key, V oldValue, V newValue) {
                changes.add(new EntryChange<>(key, oldValue, newValue));
            }
        });
        ContentHash hash = ContentHash.fromState(state);
        if (changes.size() < PARALLEL_THRESHOLD) {
            changes.forEach(change -> change.applyTo(hash, hasher));
        } else {
            hash.include(changes.parallelStream().collect(ContentHash::new,
                    (partial, change) -> change.applyTo(partial, hasher), ContentHash::include));
        }
        return new HashedTree<>(target, hash, hasher);
    }

    /**
     * The same content laid out anew (as when an engine moves its pages): the state stays, the tree
     * is the new one.
     *
     * @param copy a tree with exactly this tree's content
     * @return the copy with this hash
     */
    public HashedTree<V> relaidAs(CopyOnWriteTree<V> copy) {
        return new HashedTree<>(copy, ContentHash.fromState(state), hasher);
    }

    /**
     * The tree this hash is of.
     *
     * @return the tree
     */
    public CopyOnWriteTree<V> tree() {
        return tree;
    }

    /**
     * The accumulator's state for the tree, as an engine keeps it on disk.
     *
     * @return a copy of the 512 bytes of {@link ContentHash#state()}
     */
    public byte[] state() {
        return state.clone();
    }

    /**
     * The content hash of the tree.
     *
     * @return a copy of the 32-byte hash
     */
    public byte[] digest() {
        byte[] computed = digest;
        if (computed == null) {
            computed = ContentHash.fromState(state).digest();
            digest = computed;
        }
        return computed.clone();
    }

    /** One entry that differs between two trees: old value null if added, new value null if removed. */
    private record EntryChange<V>(byte[] key, V oldValue, V newValue) {
        void applyTo(ContentHash target, EntryHasher<V> hasher) {
            if (oldValue != null) {
                hasher.remove(target, key, oldValue);
            }
            if (newValue != null) {
                hasher.add(target, key, newValue);
            }
        }
    }
}
