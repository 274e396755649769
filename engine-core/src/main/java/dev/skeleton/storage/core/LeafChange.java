package dev.skeleton.storage.core;

/**
 * The fast path of a single {@link CopyOnWriteTree#put} or {@link CopyOnWriteTree#remove}: a change
 * that stays inside its leaf (the leaf neither overflows nor falls underfull) copies the leaf and
 * the path above it and nothing else, and most of those copies share arrays with the originals.
 *
 * <p>Replacing a value keeps every key where it was, so the new leaf shares the old one's key and
 * prefix arrays and copies only its value array. Above the leaf, a copied inner node changes
 * only the pointer to the child that was copied, so it shares the key and prefix arrays as well,
 * unless the change altered the smallest key of that child (inserting or removing at the very
 * start of a leaf), which the parent holds as its key for the child. Sharing arrays between nodes
 * is safe because no array is ever written once a node holds it. A change that does not fit falls
 * back to the general {@link TreeRebuilder}.
 *
 * <p>Under an {@link EditToken}, every node the change makes is tagged with it, and a parent already
 * tagged with it is changed in place instead of copied: a copied leaf below an owned parent is
 * linked in by writing one slot of the parent, which ends the copying (nothing above changes). (A
 * value replaced in an owned leaf never gets here: {@link CopyOnWriteTree#put(byte[], Object,
 * EditToken)} writes that slot itself, without the bookkeeping of a change.) A parent whose key for the child changes
 * (the leaf's smallest key was inserted or removed) is copied even when owned: its key array may be
 * shared with other nodes and is never written.
 *
 * <p>Single-use and not thread-safe: one instance per change.
 */
final class LeafChange {

    private final Node[] path;
    private final int[] indexes;
    private final byte[] key;
    private final long prefix;
    /** The result of the leaf search: the entry's index, or {@code -(insertionPoint + 1)}. */
    private final int found;
    /** The token whose nodes may be changed in place, or null to copy every node. */
    private final EditToken owner;

    /** Finds the leaf and the slot of {@code key} below {@code root}; copies every node it changes. */
    LeafChange(Node root, byte[] key) {
        this(root, key, null);
    }

    /**
     * Finds the leaf and the slot of {@code key} below {@code root}; changes in place the nodes
     * tagged with {@code owner} and tags the nodes it makes with it.
     */
    LeafChange(Node root, byte[] key, EditToken owner) {
        this.owner = owner;
        this.key = key;
        this.prefix = KeyPrefix.of(key);
        this.path = new Node[root.height + 1];
        this.indexes = new int[root.height + 1];
        Node node = root;
        for (int level = root.height; level > 0; level--) {
            path[level] = node;
            indexes[level] = node.childIndex(key, prefix, 0);
            node = node.child(indexes[level]);
        }
        path[0] = node;
        this.found = node.search(key, prefix, 0);
    }

    /** 1 if the leaf the change copies was on disk, else 0: see {@link CopyOnWriteTree#storedLeavesCopied()}. */
    int storedLeavesCopied() {
        return path[0].stored() != null ? 1 : 0;
    }

    /** The value stored at the key before the change, or null if the key is absent. */
    Object oldValue() {
        return found >= 0 ? path[0].slots[found] : null;
    }

    /**
     * The root of a tree in which the key maps to {@code value}.
     *
     * @return the new root (the old one if the key already maps to this very value), or null if
     *         the key is absent and its leaf is full
     */
    Node put(Object value, TreeSettings<?> settings) {
        Node leaf = path[0];
        if (found >= 0) {
            return leaf.slots[found] == value ? root() : copyPath(replaced(leaf, value));
        }
        if (leaf.size >= settings.maxSlots(0)) {
            return null;
        }
        return copyPath(inserted(leaf, -found - 1, value));
    }

    /**
     * The root of a tree without the key.
     *
     * @return the new root (the old one if the key is absent), or null if the leaf would fall
     *         underfull
     */
    Node remove(TreeSettings<?> settings) {
        Node leaf = path[0];
        if (found < 0) {
            return root();
        }
        boolean isRoot = path.length == 1;
        if (isRoot && leaf.size == 1) {
            return Node.EMPTY_LEAF;
        }
        if (!isRoot && leaf.size - 1 < settings.minSlots(0)) {
            return null;
        }
        return copyPath(removed(leaf, found));
    }

    /** The leaf with the found entry's value replaced; keys stay in place, so their arrays are shared. */
    private Node replaced(Node leaf, Object value) {
        Object[] slots = leaf.slots.clone();
        slots[found] = value;
        return new Node(0, leaf.size, leaf.keys, leaf.prefixes, slots);
    }

    private Node root() {
        return path[path.length - 1];
    }

    private Node inserted(Node leaf, int position, Object value) {
        int size = leaf.size + 1;
        byte[][] keys = new byte[size][];
        long[] prefixes = new long[size];
        Object[] slots = new Object[size];
        copyAround(leaf, position, 0, keys, prefixes, slots, 1);
        keys[position] = key;
        prefixes[position] = prefix;
        slots[position] = value;
        return new Node(0, size, keys, prefixes, slots);
    }

    private static Node removed(Node leaf, int position) {
        int size = leaf.size - 1;
        byte[][] keys = new byte[size][];
        long[] prefixes = new long[size];
        Object[] slots = new Object[size];
        copyAround(leaf, position, 1, keys, prefixes, slots, 0);
        return new Node(0, size, keys, prefixes, slots);
    }

    /**
     * Copies the leaf's slots before {@code position} as they are, and the slots from
     * {@code position + skip} on to {@code position + gap}: a gap of 1 leaves room for an insert,
     * a skip of 1 drops a slot.
     */
    private static void copyAround(Node leaf, int position, int skip, byte[][] keys, long[] prefixes,
            Object[] slots, int gap) {
        System.arraycopy(leaf.keys, 0, keys, 0, position);
        System.arraycopy(leaf.prefixes, 0, prefixes, 0, position);
        System.arraycopy(leaf.slots, 0, slots, 0, position);
        int tail = leaf.size - position - skip;
        System.arraycopy(leaf.keys, position + skip, keys, position + gap, tail);
        System.arraycopy(leaf.prefixes, position + skip, prefixes, position + gap, tail);
        System.arraycopy(leaf.slots, position + skip, slots, position + gap, tail);
    }

    /**
     * Links a new leaf into the tree: copies the inner nodes on the path, each pointing at the
     * copied child below it, up to the first one this change's token owns, which is changed in
     * place (and everything above it stays as it is).
     */
    private Node copyPath(Node newLeaf) {
        Node child = tagged(newLeaf);
        for (int level = 1; level < path.length; level++) {
            Node parent = path[level];
            int index = indexes[level];
            if (owns(parent) && parent.keys[index] == child.keys[0]) {
                parent.setSlot(index, child);
                return root();
            }
            child = tagged(withChild(parent, index, child));
        }
        return child;
    }

    private boolean owns(Node node) {
        return owner != null && node.owner == owner;
    }

    private Node tagged(Node made) {
        made.owner = owner;
        return made;
    }

    private static Node withChild(Node parent, int index, Node child) {
        Object[] slots = parent.slots.clone();
        slots[index] = child;
        byte[][] keys = parent.keys;
        long[] prefixes = parent.prefixes;
        if (keys[index] != child.keys[0]) {
            keys = keys.clone();
            prefixes = prefixes.clone();
            keys[index] = child.keys[0];
            prefixes[index] = child.prefixes[0];
        }
        return new Node(parent.height, parent.size, keys, prefixes, slots);
    }
}
